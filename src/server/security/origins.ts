/** `https://Desk.Example:443/x` → `https://desk.example`, or null when it is not an http(s) URL. */
export function originOf(raw: string): string | null {
  if (!URL.canParse(raw)) return null;
  const u = new URL(raw);
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
}

/**
 * Whether a browser page may open the socket: its Origin is the gateway's own (the host it
 * asked for) or one of `allowed` (parsed origins, e.g. a Vite dev server). Tools that send no
 * Origin are let through (they still need a token to command); `null` (sandboxed frames, file
 * pages) and anything unparseable are refused.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  const parsed = originOf(origin);
  if (parsed === null) return false;
  return (host !== undefined && new URL(parsed).host === host.toLowerCase()) || allowed.has(parsed);
}

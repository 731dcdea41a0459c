import { hostname, networkInterfaces } from 'node:os';

/** The name part of a Host header: `Onemap.Test:8080` → `onemap.test`, `[::1]:80` → `::1`. */
export function hostName(header: string): string | null {
  const h = header.trim().toLowerCase();
  if (h === '' || h.length > 255) return null;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h);
  if (bracketed) return bracketed[1] ?? null;
  const named = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  return named?.[1]?.replace(/\.$/, '') ?? null;
}

/**
 * The names the gateway answers to: ALLOWED_HOSTS, loopback and this machine's own name and
 * addresses. A request naming any other host is a DNS-rebinding page in an operator's browser
 * (an attacker's name resolved to this address) or a misrouted request: it is refused.
 */
export function hostAllowlist(extra: readonly string[]): (header: string | undefined) => boolean {
  const allowed = new Set(['localhost', '127.0.0.1', '::1', hostname().toLowerCase()]);
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) allowed.add(a.address.toLowerCase());
  for (const h of extra) allowed.add(h.toLowerCase().replace(/\.$/, ''));
  return (header) => {
    const name = header === undefined ? null : hostName(header);
    return name !== null && allowed.has(name);
  };
}

/** Headers for a URL the map fetches itself (tiles, archives, styles): set once by the app. */
let provide: (url: string) => Record<string, string> = () => ({});

/**
 * The app says which headers the map's own requests carry (its credential, to its own
 * gateway only); the engine asks per request, so a sign-in applies to the next tile.
 */
export function setRequestHeaders(fn: (url: string) => Record<string, string>): void {
  provide = fn;
}

export function requestHeaders(url: string): Record<string, string> {
  return provide(url);
}

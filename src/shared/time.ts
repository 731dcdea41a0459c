/** China Standard Time: the bureaus' clocks, and the offset every timestamp is written with. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** 1626768000 → "2021-07-20T16:00:00+08:00". */
export function isoCst(unixMs: number): string {
  return `${new Date(unixMs + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The calendar date in China of an instant: "2021-07-20". */
export function dateCst(unixMs: number): string {
  return new Date(unixMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time of day in China: "16:00:05" (walls and banners agree whatever the machine's zone). */
export function clockCst(unixMs: number): string {
  return isoCst(unixMs).slice(11, 19);
}

/** Hours and minutes in China of an ISO instant: "16:00" (boards, lists, the phone pages). */
export function hhmmCst(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : clockCst(ms).slice(0, 5);
}

/** Any ISO instant as the bureaus read it: "2021-07-20 16:00" China time (the input if unparseable). */
export function readableCst(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : isoCst(ms).slice(0, 16).replace('T', ' ');
}

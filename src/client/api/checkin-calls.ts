import { CheckinView, ScanAnswer, type Scan } from '../../shared/protocol/index.ts';
import type { SendResult } from '../checkin/scan-queue.ts';

/** What the check-in page got for its link: its door, or why not. */
export type DoorLoad =
  | { kind: 'shown'; view: CheckinView }
  | { kind: 'invalid' }
  | { kind: 'offline' };

const url = (token: string) => `/api/checkin/${encodeURIComponent(token)}`;

/** The door a check-in link names. The token is the credential. */
export async function fetchDoor(token: string): Promise<DoorLoad> {
  try {
    const res = await fetch(url(token), { cache: 'no-store' });
    if (res.status === 404) return { kind: 'invalid' };
    if (!res.ok) return { kind: 'offline' };
    const view = CheckinView.safeParse(await res.json());
    return view.success ? { kind: 'shown', view: view.data } : { kind: 'offline' };
  } catch {
    return { kind: 'offline' };
  }
}

/**
 * Sends queued scans. Anything but a clear answer (no network, a gateway restarting, a proxy's
 * error page) keeps them queued: the next try sends them again, which the gateway takes once.
 */
export async function sendScans(token: string, scans: Scan[]): Promise<SendResult> {
  try {
    const res = await fetch(url(token), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scans }),
    });
    if (!res.ok) return { kind: 'offline' };
    const answer = ScanAnswer.safeParse(await res.json());
    return answer.success
      ? { kind: 'answered', results: answer.data.results }
      : { kind: 'offline' };
  } catch {
    return { kind: 'offline' };
  }
}

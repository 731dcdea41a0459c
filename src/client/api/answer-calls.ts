import { AnswerView, type CalloutAnswer } from '../../shared/protocol/index.ts';

/** What the answer link's page got: its call, or why not (bad link, ended, no network). */
export type AnswerLoad =
  | { kind: 'shown'; view: AnswerView }
  | { kind: 'invalid' }
  | { kind: 'ended' }
  | { kind: 'offline' };

/** Reads the call a 叫应 link names, or (with a body) answers it. The token is the credential. */
export async function callAnswer(
  token: string,
  body?: { answer: CalloutAnswer; note?: string },
): Promise<AnswerLoad> {
  try {
    const res = await fetch(`/api/answer/${encodeURIComponent(token)}`, {
      method: body ? 'POST' : 'GET',
      ...(body
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
    });
    if (res.status === 404) return { kind: 'invalid' };
    if (res.status === 410) return { kind: 'ended' };
    if (!res.ok) return { kind: 'offline' };
    const view = AnswerView.safeParse(await res.json());
    return view.success ? { kind: 'shown', view: view.data } : { kind: 'offline' };
  } catch {
    return { kind: 'offline' };
  }
}

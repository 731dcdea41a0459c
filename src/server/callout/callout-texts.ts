import { ROLE_TITLE_ZH } from '../../shared/callout/roster.ts';
import type { Callout } from '../../shared/protocol/index.ts';

const mark = (exercise: boolean) => (exercise ? '【演练】' : '');

/** The SMS: who, what, where, and the link that answers it. */
export function smsText(c: Callout, link: string, attempt: number, exercise: boolean): string {
  const again = attempt > 1 ? `（第${attempt}次呼叫）` : '';
  return `${mark(exercise)}${c.name}${ROLE_TITLE_ZH[c.role]}：${c.headline}。${c.reason}${again}请立即确认收到并组织转移：${link}`;
}

/** What the voice call reads; the key pressed is the answer. */
export function voiceText(c: Callout, exercise: boolean): string {
  return `${exercise ? '演练。' : ''}${c.name}您好，${c.headline}。${c.reason}收到请按1，已组织转移请按2，需要支援请按3。`;
}

import type { Callout, ResponsibleRole } from '../../shared/protocol/index.ts';

/** How a person is addressed in the messages they get (always in Chinese: they are local officials). */
export const ROLE_TITLE_ZH: Record<ResponsibleRole, string> = {
  'county-chief': '县（区）长',
  'county-duty': '县防指值班员',
  'township-chief': '乡镇（街道）长',
  'township-deputy': '分管副乡镇长',
  'village-head': '村（社区）主任',
  'grid-head': '网格长',
};

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

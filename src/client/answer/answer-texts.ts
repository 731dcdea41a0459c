import { phoneLanguage } from '../phone/phone-language.ts';
import type { CalloutAnswer, WarningColour } from '../../shared/protocol/index.ts';

/** The answer page's words: zh-CN (the people called are local officials), English on request. */
const ZH = {
  title: '叫应确认',
  exercise: '演练',
  calledAt: '呼叫时间',
  received: '收到',
  transferring: '已组织转移',
  needSupport: '需要支援',
  notePlaceholder: '需要什么支援？（如：冲锋舟 2 艘、转移车辆）',
  sendSupport: '发送支援请求',
  answered: '已确认',
  answeredAt: '确认时间',
  reported: '已报告',
  update: '情况有变化，可再报告：',
  sending: '正在发送…',
  offline: '发送失败，网络不通。请到信号好的地方再按一次。',
  retry: '重新发送',
  invalid: '链接无效。请使用短信中的链接，或回拨值班电话。',
  ended: '这次叫应已结束（预警已解除或已结束）。',
  loading: '正在打开…',
  level: { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as Record<
    WarningColour,
    string
  >,
  unanswered: '多次呼叫未应答，请立即确认',
} as const;

type Texts = { [K in keyof typeof ZH]: (typeof ZH)[K] extends string ? string : (typeof ZH)[K] };

const EN: Texts = {
  title: 'Confirm the call',
  exercise: 'Exercise',
  calledAt: 'Called at',
  received: 'Received',
  transferring: 'Transfer under way',
  needSupport: 'Need support',
  notePlaceholder: 'What support? (e.g. 2 boats, transfer buses)',
  sendSupport: 'Send the request',
  answered: 'Confirmed',
  answeredAt: 'Confirmed at',
  reported: 'Reported',
  update: 'If things change, report again:',
  sending: 'Sending…',
  offline: 'Could not send: no network. Move to better signal and press again.',
  retry: 'Send again',
  invalid: 'This link is not valid. Use the link in the SMS, or call the duty desk back.',
  ended: 'This call has ended (the warning was lifted or is over).',
  loading: 'Opening…',
  level: { blue: 'blue', yellow: 'yellow', orange: 'orange', red: 'red' },
  unanswered: 'Called several times without an answer: confirm now',
};

export function answerTexts(): Texts {
  return phoneLanguage() === 'en' ? EN : ZH;
}

export const ANSWER_LABEL: Record<CalloutAnswer, 'received' | 'transferring' | 'needSupport'> = {
  received: 'received',
  transferring: 'transferring',
  'need-support': 'needSupport',
};

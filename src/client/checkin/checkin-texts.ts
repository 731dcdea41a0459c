import { phoneLanguage } from '../phone/phone-language.ts';
import { VULNERABLE_EN, VULNERABLE_ZH } from '../../shared/people/vulnerable-labels.ts';

/** The check-in page's words: zh-CN (shelter staff and village cadres), English on request. */
const ZH = {
  title: '转移签到',
  relativesTitle: '投亲靠友登记',
  exercise: '演练',
  accounted: '本点已登记',
  people: '人',
  scan: '扫码签到',
  stopScan: '停止扫码',
  typed: '或输入安全码（7 位）',
  typedPlaceholder: '如 7K3M-Q2P',
  submit: '签到',
  online: '网络正常',
  offline: '网络中断：签到先存在手机上，来网后自动发送',
  waiting: '待发送',
  sendNow: '立即发送',
  arrived: '已签到',
  already: '此前已登记',
  unknown: '查无此码，请核对后重输',
  queued: '已存手机，待发送',
  cameraUnavailable: '无法打开摄像头（需 HTTPS 且允许使用相机），请输入安全码',
  invalid: '签到链接无效。请向指挥部索取本安置点的签到链接。',
  loadOffline: '打不开：网络不通。请到信号好的地方重试。',
  retry: '重试',
  loading: '正在打开…',
  vulnerable: VULNERABLE_ZH,
} as const;

type Texts = { [K in keyof typeof ZH]: (typeof ZH)[K] extends string ? string : (typeof ZH)[K] };

const EN: Texts = {
  title: 'Transfer check-in',
  relativesTitle: 'Staying with relatives',
  exercise: 'Exercise',
  accounted: 'Recorded here',
  people: '',
  scan: 'Scan a code',
  stopScan: 'Stop scanning',
  typed: 'or type the safe code (7 characters)',
  typedPlaceholder: 'e.g. 7K3M-Q2P',
  submit: 'Check in',
  online: 'Online',
  offline: 'No network: check-ins are kept on the phone and sent when it returns',
  waiting: 'Waiting to send',
  sendNow: 'Send now',
  arrived: 'Checked in',
  already: 'Already recorded',
  unknown: 'No such code: check it and type again',
  queued: 'Kept on the phone, not sent yet',
  cameraUnavailable: 'Cannot open the camera (needs HTTPS and camera permission): type the code',
  invalid: 'This check-in link is not valid. Ask the command centre for your shelter’s link.',
  loadOffline: 'Cannot open: no network. Move to better signal and try again.',
  retry: 'Try again',
  loading: 'Opening…',
  vulnerable: VULNERABLE_EN,
};

export function checkinTexts(): Texts {
  return phoneLanguage() === 'en' ? EN : ZH;
}

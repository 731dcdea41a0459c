import type { VulnerableKey } from '../protocol/index.ts';

/**
 * The vulnerable groups' names (老弱病残孕, 留守儿童), one table for the console, the phone pages
 * and the exports.
 */
export const VULNERABLE_ZH: Record<VulnerableKey, string> = {
  elderlyAlone: '独居老人',
  disabled: '残疾人',
  bedridden: '卧床',
  pregnant: '孕妇',
  childrenLeftBehind: '留守儿童',
};

export const VULNERABLE_EN: Record<VulnerableKey, string> = {
  elderlyAlone: 'Elderly living alone',
  disabled: 'Disabled',
  bedridden: 'Bed-ridden',
  pregnant: 'Pregnant',
  childrenLeftBehind: 'Children left behind',
};

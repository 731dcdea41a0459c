import type { calloutZh } from './callout-zh.ts';

/** English messages of 叫应 (call-and-answer). */
export const calloutEn: typeof calloutZh = {
  callout: {
    title: 'Call-and-answer',
    count: '{{answered}}/{{total}} answered',
    within: 'answered within {{minutes}} min {{share}}',
    withinNone: 'answered within {{minutes}} min —',
    notDelivered: 'Exercise channel: SMS and voice calls are not really sent (no CALLOUT_PROVIDER)',
    waiting: 'waiting {{minutes}} min',
    areaCounts: '{{answered}}/{{total}} answered',
    allAnswered: 'all answered',
    attempts: 'call {{n}}',
    escalatedTo: 'escalated to {{names}}',
    escalated: 'escalated',
    status: { calling: 'calling', answered: 'answered', unanswered: 'no answer' },
    answer: {
      received: 'received',
      transferring: 'transfer under way',
      'need-support': 'needs support',
    },
    channel: { link: 'link', voice: 'key press', console: 'duty desk' },
    tier: { village: 'village', township: 'township', county: 'county' },
    role: {
      'county-chief': 'county head',
      'county-duty': 'county flood HQ duty',
      'township-chief': 'township head',
      'township-deputy': 'deputy township head',
      'village-head': 'village head',
      'grid-head': 'grid head',
    },
    call: 'call {{phone}}',
  },
};

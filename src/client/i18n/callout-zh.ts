import { ROLE_TITLE_ZH } from '../../shared/callout/roster.ts';

/** Chinese messages of 叫应: the board, roles, answers. */
export const calloutZh = {
  callout: {
    title: '叫应',
    count: '{{answered}}/{{total}} 已应答',
    within: '{{minutes}}分钟内应答 {{share}}',
    withinNone: '{{minutes}}分钟内应答 —',
    notDelivered: '演练通道：短信和语音未真实发出（CALLOUT_PROVIDER 未配置）',
    waiting: '等待 {{minutes}} 分钟',
    areaCounts: '{{answered}}/{{total}} 应答',
    allAnswered: '全部应答',
    attempts: '第{{n}}次呼叫',
    escalatedTo: '已上报 {{names}}',
    escalated: '上报',
    status: { calling: '呼叫中', answered: '已应答', unanswered: '未应答' },
    answer: { received: '收到', transferring: '已组织转移', 'need-support': '需要支援' },
    channel: { link: '链接', voice: '按键', console: '值班' },
    tier: { village: '村', township: '乡镇', county: '县' },
    role: ROLE_TITLE_ZH,
    call: '拨打 {{phone}}',
  },
};

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { aliyunSignature } from './aliyun-signature.ts';
import type { CallMessage, Messenger, SendResult } from './messenger.ts';

/** The account and templates a bureau registers with Alibaba Cloud (短信签名, 模板, 外显号码). */
export interface AliyunOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名, e.g. 某某市应急管理局. */
  signName: string;
  /** SMS template with ${name} ${area} ${warning} ${link}. */
  smsTemplate: string;
  /** The purchased number the voice call shows (外显号码). */
  showNumber: string;
  /** TTS template read when the call is picked up, with ${name} ${area} ${warning}. */
  voiceTemplate: string;
  /** TTS template read back after a key press (收到 / 已组织转移 / 需要支援 recorded). */
  voiceAckTemplate: string;
  smsEndpoint?: string;
  voiceEndpoint?: string;
  region?: string;
  /** Per request; a provider that does not answer fails the send, never the round. */
  timeoutMs?: number;
}

const Answer = z.object({
  Code: z.string(),
  Message: z.string().optional(),
  BizId: z.string().optional(),
  CallId: z.string().optional(),
  RequestId: z.string().optional(),
});

/** Alibaba Cloud timestamps: ISO 8601 in UTC, to the second. */
const timestamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/**
 * Alibaba Cloud's SMS (Dysmsapi `SendSms`) and voice (Dyvmsapi `IvrCall`, keys 1/2/3 mapped to
 * 收到 / 已组织转移 / 需要支援): signed RPC requests, POSTed as forms. The call's `OutId` is the
 * answer token, so the provider's VoiceReport receipt (its `dtmf` and `out_id`) answers the callout
 * exactly as the link would, and a forged receipt without a valid token answers nothing.
 */
export class AliyunMessenger implements Messenger {
  readonly name = 'aliyun';
  readonly delivers = true;

  constructor(private readonly o: AliyunOptions) {}

  sms(m: CallMessage): Promise<SendResult> {
    return this.call(this.o.smsEndpoint ?? 'https://dysmsapi.aliyuncs.com', 'SendSms', {
      PhoneNumbers: m.callout.phone.replace(/[\s-]/g, ''),
      SignName: this.o.signName,
      TemplateCode: this.o.smsTemplate,
      TemplateParam: JSON.stringify(this.params(m, true)),
      OutId: m.token,
    });
  }

  voice(m: CallMessage): Promise<SendResult> {
    const keys: Record<string, string> = {};
    ['1', '2', '3'].forEach((key, i) => {
      keys[`MenuKeyMap.${i + 1}.Key`] = key;
      keys[`MenuKeyMap.${i + 1}.Code`] = this.o.voiceAckTemplate;
    });
    return this.call(this.o.voiceEndpoint ?? 'https://dyvmsapi.aliyuncs.com', 'IvrCall', {
      CalledShowNumber: this.o.showNumber,
      CalledNumber: m.callout.phone.replace(/[\s-]/g, ''),
      StartCode: this.o.voiceTemplate,
      StartTtsParams: JSON.stringify(this.params(m, false)),
      ...keys,
      PlayTimes: '3',
      Timeout: '10000',
      OutId: m.token,
    });
  }

  private params(m: CallMessage, withLink: boolean): Record<string, string> {
    const p: Record<string, string> = {
      name: m.callout.name,
      area: m.callout.areaName,
      warning: m.callout.headline.slice(0, 35),
    };
    if (withLink) p.link = m.link;
    return p;
  }

  private async call(
    endpoint: string,
    action: 'SendSms' | 'IvrCall',
    own: Record<string, string>,
  ): Promise<SendResult> {
    const params: Record<string, string> = {
      AccessKeyId: this.o.accessKeyId,
      Action: action,
      Format: 'JSON',
      RegionId: this.o.region ?? 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: timestamp(new Date()),
      Version: '2017-05-25',
      ...own,
    };
    params.Signature = aliyunSignature(this.o.accessKeySecret, 'POST', params);
    try {
      const res = await fetch(`${endpoint.replace(/\/$/, '')}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      const parsed = Answer.safeParse(await res.json().catch(() => null));
      if (!parsed.success)
        return { ok: false, error: `${action}: HTTP ${res.status}, not an Alibaba Cloud answer` };
      const a = parsed.data;
      if (a.Code !== 'OK')
        return { ok: false, error: `${action}: ${a.Code} ${a.Message ?? ''}`.trim() };
      return { ok: true, id: a.BizId ?? a.CallId ?? a.RequestId ?? '' };
    } catch (e) {
      return { ok: false, error: `${action}: ${(e as Error).message}` };
    }
  }
}

/**
 * One record of Alibaba Cloud's VoiceReport push (HTTP batch: a JSON array). Only what answers a
 * callout is read; the rest of the record is ignored.
 */
export const VoiceReport = z
  .array(
    z.looseObject({
      call_id: z.string().optional(),
      status_code: z.string().optional(),
      out_id: z.string().max(200).optional(),
      dtmf: z.string().max(20).optional(),
    }),
  )
  .max(1_000, { error: 'at most 1,000 records a push' });
export type VoiceReport = z.infer<typeof VoiceReport>;

/** The key a person pressed as their answer (1 收到, 2 已组织转移, 3 需要支援), or null. */
export function answerOfKey(
  dtmf: string | undefined,
): 'received' | 'transferring' | 'need-support' | null {
  switch (dtmf?.trim().slice(-1)) {
    case '1':
      return 'received';
    case '2':
      return 'transferring';
    case '3':
      return 'need-support';
    default:
      return null;
  }
}

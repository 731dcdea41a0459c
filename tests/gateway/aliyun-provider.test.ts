import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/server/app.ts';
import type { AuditEntry } from '../../src/shared/protocol/index.ts';
import { signedIn, TEST_SECRET } from '../support/access.ts';
import { aliyunServer } from '../support/aliyun-server.ts';
import { villagesOf, warningOver } from '../support/callouts.ts';
import { startGateway } from '../support/gateway.ts';

// The Alibaba Cloud provider against a loopback server speaking its API (signature checked):
// one gateway with the right secret, one with a wrong one.
const aliyunOptions = (url: string, secret: string) => ({
  kind: 'aliyun' as const,
  accessKeyId: 'LTAItest',
  accessKeySecret: secret,
  signName: '测试应急管理局',
  smsTemplate: 'SMS_000001',
  showNumber: '037100000000',
  voiceTemplate: 'TTS_000001',
  voiceAckTemplate: 'TTS_000002',
  smsEndpoint: url,
  voiceEndpoint: url,
});

let cloud: Awaited<ReturnType<typeof aliyunServer>>;
const gateways: { gateway: Gateway; url: string }[] = [];
beforeAll(async () => {
  cloud = await aliyunServer({ LTAItest: 'the-right-secret' });
  for (const secret of ['the-right-secret', 'a-wrong-secret'])
    gateways.push(
      await startGateway(['erqi'], false, {
        tokenSecret: TEST_SECRET,
        callout: {
          sweepMs: 0,
          provider: aliyunOptions(cloud.url, secret),
          publicUrl: 'https://onemap.example.gov.cn',
        },
      }),
    );
});
afterAll(async () => {
  for (const g of gateways) await g.gateway.close();
  await cloud.close();
});

async function warn(g: Gateway): Promise<void> {
  const [v] = villagesOf(g, 'erqi', 1);
  if (!v) throw new Error('no village');
  const r = await g.hub.publish(
    'erqi',
    'warning:issue',
    warningOver([v], { identifier: 'aliyun-red' }),
  );
  if (!r.ok) throw new Error(r.error);
  await g.callouts.sweep(Date.now());
}

describe('calls through Alibaba Cloud', () => {
  it('sends each person a signed SendSms with the link and an IvrCall whose OutId is the answer token', async () => {
    const { gateway } = gateways[0] ?? expect.unreachable();
    await warn(gateway);
    const called = [...(gateway.hub.live.get('erqi')?.callouts.values() ?? [])];
    expect(called.length).toBeGreaterThanOrEqual(3);
    const sms = cloud.requests.filter((r) => r.host === 'sms');
    const calls = cloud.requests.filter((r) => r.host === 'voice');
    expect(sms.map((r) => r.params.PhoneNumbers).sort()).toEqual(called.map((c) => c.phone).sort());
    expect(calls.map((r) => r.params.CalledNumber).sort()).toEqual(
      called.map((c) => c.phone).sort(),
    );
    const first = sms[0]?.params ?? expect.unreachable();
    expect(first).toMatchObject({
      Action: 'SendSms',
      SignName: '测试应急管理局',
      TemplateCode: 'SMS_000001',
    });
    const param = JSON.parse(first.TemplateParam ?? '{}') as { link: string; warning: string };
    expect(param.link).toMatch(/^https:\/\/onemap\.example\.gov\.cn\/a\/[\w-]+\.[\w-]{22}$/);
    expect(param.warning).toContain('测试暴雨');
    const ivr = calls[0]?.params ?? expect.unreachable();
    expect(ivr).toMatchObject({
      Action: 'IvrCall',
      'MenuKeyMap.1.Key': '1',
      'MenuKeyMap.3.Key': '3',
      StartCode: 'TTS_000001',
    });
    // The provider's receipt of a key press, carrying the call's OutId, answers that call.
    const receipt = await fetch(`${gateways[0]?.url ?? ''}/api/callouts/aliyun/voice-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { call_id: 'c1', status_code: '200000', out_id: ivr.OutId, dtmf: '2' },
      ]),
    });
    expect(receipt.status).toBe(200);
    const answered = [...(gateway.hub.live.get('erqi')?.callouts.values() ?? [])].filter(
      (c) => c.status === 'answered',
    );
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({
      phone: ivr.CalledNumber,
      answer: 'transferring',
      answerChannel: 'voice',
    });
  });

  it('with a wrong secret every send is refused by the provider, audited with its reason, and the calls stand', async () => {
    const { gateway, url } = gateways[1] ?? expect.unreachable();
    const before = cloud.requests.length;
    await warn(gateway);
    expect(cloud.requests.length).toBe(before);
    const called = [...(gateway.hub.live.get('erqi')?.callouts.values() ?? [])];
    expect(called.length).toBeGreaterThanOrEqual(3);
    expect(called.every((c) => c.status === 'calling')).toBe(true);
    const res = await fetch(`${url}/api/audit?command=callout:sms&outcome=refused`, {
      headers: await signedIn('admin'),
    });
    const lines = ((await res.json()) as { entries: AuditEntry[] }).entries;
    expect(lines).toHaveLength(called.length);
    expect(lines[0]?.detail).toContain('SignatureDoesNotMatch');
  });
});

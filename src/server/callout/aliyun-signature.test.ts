import { describe, expect, it } from 'vitest';
import { aliyunSignature, canonicalQuery, percentEncode } from './aliyun-signature.ts';
import { answerOfKey, VoiceReport } from './aliyun-messenger.ts';

// Alibaba Cloud's documented example of its RPC signature (SMS "HTTP 协议及签名"): AccessKeyId
// testId, secret testSecret, SendSms with these parameters, signed as a GET.
const EXAMPLE = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('Alibaba Cloud RPC signature', () => {
  it('gives the documented signature for the documented SendSms example', () => {
    expect(aliyunSignature('testSecret', 'GET', EXAMPLE)).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('canonicalises as documented: sorted, RFC 3986 encoded', () => {
    expect(canonicalQuery(EXAMPLE)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
  });

  it('encodes space, * and ~ the RFC 3986 way, not the form way', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
  });

  it('signs a POST differently from a GET, and a changed parameter differently', () => {
    const get = aliyunSignature('testSecret', 'GET', EXAMPLE);
    expect(aliyunSignature('testSecret', 'POST', EXAMPLE)).not.toBe(get);
    expect(aliyunSignature('testSecret', 'GET', { ...EXAMPLE, OutId: '124' })).not.toBe(get);
  });
});

describe('voice receipts', () => {
  it('reads the key pressed as the answer, and nothing else as one', () => {
    expect(answerOfKey('1')).toBe('received');
    expect(answerOfKey('2')).toBe('transferring');
    expect(answerOfKey('3')).toBe('need-support');
    expect(answerOfKey('9')).toBeNull();
    expect(answerOfKey(undefined)).toBeNull();
  });

  it('takes VoiceReport records with fields it does not read, and refuses a non-array', () => {
    const push = [
      { call_id: '1^2', status_code: '200000', out_id: 'x.y', dtmf: '1', duration: '7' },
    ];
    expect(VoiceReport.safeParse(push).success).toBe(true);
    expect(VoiceReport.safeParse({ call_id: '1' }).success).toBe(false);
  });
});

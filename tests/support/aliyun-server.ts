import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { aliyunSignature } from '../../src/server/callout/aliyun-signature.ts';

/** One request the fake Alibaba Cloud took, with its parameters as sent. */
export interface AliyunRequest {
  host: 'sms' | 'voice';
  params: Record<string, string>;
}

const NEEDED: Record<string, readonly string[]> = {
  SendSms: ['PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam'],
  IvrCall: ['CalledShowNumber', 'CalledNumber', 'StartCode'],
};

/**
 * A loopback server speaking Alibaba Cloud's RPC API the way Dysmsapi and Dyvmsapi do: a form
 * POST, the common parameters, the HMAC-SHA1 signature checked against the account's secret
 * (SignatureDoesNotMatch otherwise), a fresh nonce and a timestamp within 15 minutes, each action's
 * own required parameters; answers `{Code: "OK", BizId | CallId, RequestId}`.
 */
export async function aliyunServer(
  accounts: Record<string, string>,
): Promise<{ url: string; requests: AliyunRequest[]; close: () => Promise<void> }> {
  const requests: AliyunRequest[] = [];
  const nonces = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const answer = (status: number, o: Record<string, string>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: randomUUID(), ...o }));
      };
      const refuse = (code: string, message: string) =>
        answer(400, { Code: code, Message: message });
      const secret = accounts[params.AccessKeyId ?? ''];
      if (req.method !== 'POST') {
        refuse('UnsupportedHTTPMethod', 'POST a form');
        return;
      }
      if (secret === undefined) {
        refuse('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
        return;
      }
      if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
        refuse('InvalidParameter', 'SignatureMethod/Version');
        return;
      }
      if (params.Signature !== aliyunSignature(secret, 'POST', params)) {
        refuse('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
        return;
      }
      const ts = Date.parse(params.Timestamp ?? '');
      if (!/Z$/.test(params.Timestamp ?? '') || !(Math.abs(Date.now() - ts) < 15 * 60_000)) {
        refuse('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
        return;
      }
      if (!params.SignatureNonce || nonces.has(params.SignatureNonce)) {
        refuse('SignatureNonceUsed', 'Specified signature nonce was used already.');
        return;
      }
      nonces.add(params.SignatureNonce);
      if (params.Version !== '2017-05-25' || params.Format !== 'JSON') {
        refuse('InvalidVersion', 'Specified parameter Version is not valid.');
        return;
      }
      const action = params.Action ?? '';
      const missing = (NEEDED[action] ?? ['Action']).filter((k) => !params[k]);
      if (missing.length > 0) {
        refuse('MissingParameter', missing.join(','));
        return;
      }
      requests.push({ host: action === 'SendSms' ? 'sms' : 'voice', params });
      answer(200, {
        Code: 'OK',
        Message: 'OK',
        ...(action === 'SendSms' ? { BizId: `${Date.now()}^0` } : { CallId: `${Date.now()}^1` }),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

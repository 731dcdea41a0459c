import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud's RPC signature (SignatureVersion 1.0, HMAC-SHA1), as its SMS and voice APIs
 * document it: parameters sorted by name, each name and value percent-encoded per RFC 3986
 * (space as %20, `*` as %2A, `~` kept), joined with `&`; the string to sign is
 * `METHOD&%2F&` + the encoded query; the key is the AccessKey secret plus `&`.
 */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonicalised query: what is signed, and (with the signature) what is sent. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

export function stringToSign(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** The base64 signature (not yet URL-encoded). */
export function aliyunSignature(
  secret: string,
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign(method, params)).digest('base64');
}

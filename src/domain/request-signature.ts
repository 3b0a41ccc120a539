import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export interface SignedParts {
  method: string;
  /** The path with its query string, as sent. */
  path: string;
  /** Unix seconds, as in the X-Timestamp header. */
  timestamp: string;
  nonce: string;
  body: string;
}

/**
 * The text a client signs: method, path, timestamp, nonce and the body's SHA-256, one per
 * line. Hashing the body keeps the string small and free of the body's own line breaks.
 */
export function canonicalRequest(p: SignedParts): string {
  const bodyHash = createHash('sha256').update(p.body, 'utf8').digest('hex');
  return [p.method.toUpperCase(), p.path, p.timestamp, p.nonce, bodyHash].join('\n');
}

/** HMAC-SHA256 (hex) of the canonical request under the signing key. */
export function signRequest(signingKey: string, p: SignedParts): string {
  return createHmac('sha256', signingKey).update(canonicalRequest(p), 'utf8').digest('hex');
}

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; code: 'SIGNATURE_MISSING' | 'SIGNATURE_EXPIRED' | 'SIGNATURE_INVALID'; message: string };

/** Checks a request's signature and timestamp window (the nonce's freshness is the caller's: it needs storage). */
export function verifySignature(
  signingKey: string,
  p: Partial<SignedParts> & { method: string; path: string; body: string },
  signature: string | undefined,
  now: Date,
): SignatureVerdict {
  if (!signature || !p.timestamp || !p.nonce) {
    return {
      ok: false,
      code: 'SIGNATURE_MISSING',
      message: '此客户端须对请求签名：请带上 X-Timestamp、X-Nonce 与 X-Signature 请求头。',
    };
  }
  const seconds = Number(p.timestamp);
  if (!/^\d{9,11}$/.test(p.timestamp) || Math.abs(now.getTime() - seconds * 1000) > SIGNATURE_WINDOW_MS) {
    return {
      ok: false,
      code: 'SIGNATURE_EXPIRED',
      message: '请求时间戳（X-Timestamp,Unix 秒）与服务器时间相差超过 5 分钟，请校准时钟后重新签名发送。',
    };
  }
  const expected = Buffer.from(
    signRequest(signingKey, { ...p, timestamp: p.timestamp, nonce: p.nonce }),
    'hex',
  );
  const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'SIGNATURE_INVALID', message: '请求签名（X-Signature）不正确。' };
  }
  return { ok: true };
}

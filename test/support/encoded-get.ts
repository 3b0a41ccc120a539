import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { TestApp } from './test-app.js';

/** What browsers and other clients send as Accept-Encoding, taken in turn by `encodedGet`. */
export const ACCEPT_ENCODINGS = [
  'gzip, deflate, br, zstd',
  'identity',
  'gzip',
  '*',
  'br;q=0.5, gzip;q=1',
] as const;
let turn = 0;

/**
 * A GET as `username`, asking for the next of ACCEPT_ENCODINGS, with the body decoded as the
 * client would: stored pages go out compressed from a copy kept with them (stored-send.ts), and
 * every comparison made through this helper covers those copies too.
 */
export async function encodedGet(t: TestApp, username: string, url: string) {
  const acceptEncoding = ACCEPT_ENCODINGS[turn++ % ACCEPT_ENCODINGS.length] as string;
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: await t.cookieOf(username), 'accept-encoding': acceptEncoding },
  });
  const encoding = res.headers['content-encoding'];
  const raw = res.rawPayload;
  const body =
    encoding === 'br'
      ? brotliDecompressSync(raw).toString('utf8')
      : encoding === 'gzip'
        ? gunzipSync(raw).toString('utf8')
        : raw.toString('utf8');
  // Identity asked, identity sent; gzip preferred, gzip sent.
  if (acceptEncoding === 'identity') expectEncoding(encoding, undefined, url);
  if (acceptEncoding.startsWith('br;q=0.5') && encoding) expectEncoding(encoding, 'gzip', url);
  return { statusCode: res.statusCode, headers: res.headers, body, encoding };
}

function expectEncoding(got: unknown, wanted: string | undefined, url: string) {
  if (got !== wanted) throw new Error(`${url}: sent as ${String(got)}, expected ${String(wanted)}`);
}

import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';

/**
 * How answers are compressed: by @fastify/compress for every route (app.ts), and once per stored
 * page or list for all the requests that send it again (modules/work-orders/stored-send.ts), so
 * both must agree. API answers (lists, an order with its timeline) compress 5–10×; brotli at
 * quality 4 costs about as little CPU as gzip. A 256 KB window instead of brotli's default 4 MB:
 * answers are a few KB, and allocating the large window for each one cost three times the
 * compression itself (same bytes out). Built assets are compressed once at build time instead.
 */
export const COMPRESSION = {
  threshold: 1024,
  encodings: ['br', 'gzip'] as Array<'br' | 'gzip'>,
  brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_LGWIN]: 18 } },
};

export type Encoding = 'br' | 'gzip';

/** `*` and `x-gzip` are gzip, as @fastify/compress reads them. */
const GZIP_ALIAS = /\*|x-gzip/gu;

/** The encoding the plugin would choose for this Accept-Encoding header; undefined: none. */
export function negotiatedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  return negotiate(header.toLowerCase().replace(GZIP_ALIAS, 'gzip'), COMPRESSION.encodings) ?? undefined;
}

export function compressed(encoding: Encoding, body: string | Buffer): Buffer {
  return encoding === 'br' ? brotliCompressSync(body, COMPRESSION.brotliOptions) : gzipSync(body);
}

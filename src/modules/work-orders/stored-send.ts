import type { FastifyReply, FastifyRequest } from 'fastify';
import { COMPRESSION, negotiatedEncoding } from '../../server/compression.js';
import type { StoredEntry, StoredPages } from './stored-pages.js';

/** A page or list as JSON text, with the entry it is kept as (none when it was not kept). */
export interface PageToSend<Mark> {
  body: string;
  entry: StoredEntry<Mark> | undefined;
  store: StoredPages<Mark>;
}

/**
 * Sends JSON that is already text. A kept page goes out compressed as the client asks, from the
 * copy compressed the first time (StoredPages.encoded); @fastify/compress leaves an answer that
 * already has an encoding alone, and compresses everything else as before. Fastify sends a
 * string with a JSON type as it is, without the route's serializer; the reply is taken as an
 * untyped one because its typed `send` expects the object the text was written from.
 */
export function sendPage<Mark>(
  request: FastifyRequest,
  typedReply: { type(contentType: string): unknown },
  page: PageToSend<Mark>,
): FastifyReply {
  const reply = (typedReply as FastifyReply).type('application/json; charset=utf-8');
  const encoding = page.entry ? negotiatedEncoding(request.headers['accept-encoding']) : undefined;
  if (!page.entry || !encoding || !worthCompressing(page.entry.body)) return reply.send(page.body);
  const vary = reply.getHeader('vary');
  if (!vary) reply.header('vary', 'accept-encoding');
  else if (!/accept-encoding/i.test(String(vary))) reply.header('vary', `${String(vary)}, accept-encoding`);
  return reply.header('content-encoding', encoding).send(page.store.encoded(page.entry, encoding));
}

/** The plugin's threshold is in bytes; a text that long in characters is at least that long. */
function worthCompressing(body: string): boolean {
  return body.length >= COMPRESSION.threshold || Buffer.byteLength(body) >= COMPRESSION.threshold;
}

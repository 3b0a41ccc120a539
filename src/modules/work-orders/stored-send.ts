import type { FastifyReply, FastifyRequest } from 'fastify';
import { COMPRESSION, negotiatedEncoding } from '../../server/compression.js';
import type { StoredEntry, StoredPages } from './stored-pages.js';

/**
 * A page or list to send: the entry it is kept as, or, when it was not kept, its JSON text.
 */
export type PageToSend<Mark> =
  | { entry: StoredEntry<Mark>; store: StoredPages<Mark> }
  | { entry: undefined; body: string };

/**
 * Sends JSON that is already written. A kept page goes out as its stored bytes, or compressed as
 * the client asks from the copy compressed the first time (StoredPages.encoded); @fastify/compress
 * leaves an answer that already has an encoding alone, and compresses everything else (a page
 * not kept) as before. Fastify sends a string or bytes with a JSON type as they are, without the
 * route's serializer; the reply is taken as an untyped one because its typed `send` expects the
 * object the text was written from.
 */
export function sendPage<Mark>(
  request: FastifyRequest,
  typedReply: { type(contentType: string): unknown },
  page: PageToSend<Mark>,
): FastifyReply {
  const reply = (typedReply as FastifyReply).type('application/json; charset=utf-8');
  if (!page.entry) return reply.send(page.body);
  const encoding = negotiatedEncoding(request.headers['accept-encoding']);
  if (!encoding || page.entry.bytes.length < COMPRESSION.threshold) return reply.send(page.entry.bytes);
  const vary = reply.getHeader('vary');
  if (!vary) reply.header('vary', 'accept-encoding');
  else if (!/accept-encoding/i.test(String(vary))) reply.header('vary', `${String(vary)}, accept-encoding`);
  return reply.header('content-encoding', encoding).send(page.store.encoded(page.entry, encoding));
}

import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AttachmentPurpose, isAttachmentPurpose } from '../domain/attachment-purpose.js';
import { refuse } from '../domain/refusal.js';

/** What an upload answers: the file as stored. */
export const uploadedAttachment = z.object({
  id: z.number(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  purpose: z.string(),
});

/**
 * The one file of a multipart upload and what it was uploaded for (the form's `purpose` field,
 * else the route's own), refused with the reason when the request is not an upload, has no file
 * or names a purpose there is not.
 */
export async function uploadedFile(
  request: FastifyRequest,
  defaultPurpose: AttachmentPurpose,
): Promise<{ file: MultipartFile; purpose: AttachmentPurpose }> {
  if (!request.isMultipart())
    refuse('invalid', 'MULTIPART_REQUIRED', '请以文件上传（multipart/form-data）的方式提交附件。');
  const file = await request.file();
  if (!file) refuse('invalid', 'FILE_REQUIRED', '请选择要上传的文件。');
  const purpose = (file.fields.purpose as { value?: string } | undefined)?.value ?? defaultPurpose;
  if (!isAttachmentPurpose(purpose)) refuse('invalid', 'PURPOSE_INVALID', '附件用途不正确。');
  return { file, purpose };
}

/**
 * Sends a stored file with its type and name: `inline` to be shown in the browser (a scan looked
 * at), `attachment` to be saved.
 */
export function sendStoredFile(
  reply: FastifyReply,
  meta: { mime_type: string; file_name: string },
  stream: NodeJS.ReadableStream,
  disposition: 'inline' | 'attachment',
): FastifyReply {
  reply.header('content-type', meta.mime_type);
  reply.header(
    'content-disposition',
    `${disposition}; filename*=UTF-8''${encodeURIComponent(meta.file_name)}`,
  );
  return reply.send(stream);
}

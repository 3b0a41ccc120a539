import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import {
  AttachmentRepository,
  type NewAttachment,
  uploadedAttachment,
} from '../../db/repositories/attachment.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { AttachmentPurpose } from '../../domain/attachment-purpose.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { eventActor } from './event-actor.js';
import type { WorkOrderService } from './work-order.service.js';

/** Accepted types, recognised by their content (file-type reads the magic bytes), not by what the browser claims. */
const ALLOWED_MIME = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

/**
 * Markup or script inside a PDF or an image makes a polyglot: a file that a browser or viewer may
 * run as HTML or script. Legitimate scans and photos carry none of these, so any is refused.
 */
const ACTIVE_CONTENT =
  /<(html|script|body|iframe|svg|object|embed|meta|!doctype)[\s>/]|javascript:|\/(javascript|js)\b|\/launch\b/i;

async function checkContent(buffer: Buffer): Promise<string> {
  const type = await fileTypeFromBuffer(buffer);
  if (!type || !ALLOWED_MIME.has(type.mime))
    refuse(
      'invalid',
      'FILE_TYPE_NOT_ALLOWED',
      '只能上传 PDF、JPG、PNG 或 TIFF 格式的文件（扫描件、传真件、照片）。',
    );
  if (ACTIVE_CONTENT.test(buffer.toString('latin1')))
    refuse(
      'invalid',
      'FILE_ACTIVE_CONTENT',
      '文件中含有网页代码或脚本，可能被篡改过，不能上传。请重新扫描或导出后再上传。',
    );
  if (type.mime.startsWith('image/')) refuseImageBomb(buffer);
  return type.mime;
}

/**
 * An image's file may be small while its picture is huge (a 30,000 × 30,000 PNG of one colour is a
 * few hundred KB): opened on a township's phone it exhausts the browser's memory. A photo or an
 * A4 scan at 600 dpi is 12–50 megapixels; 100 is refused. image-size reads only the header (for a
 * TIFF, its first page); an image it cannot read was already recognised by its content and passes.
 */
const MAX_IMAGE_PIXELS = 100_000_000;

function refuseImageBomb(buffer: Buffer): void {
  let size: { width: number; height: number };
  try {
    size = imageSize(buffer);
  } catch {
    return;
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS)
    refuse(
      'invalid',
      'IMAGE_TOO_MANY_PIXELS',
      `图片尺寸为 ${size.width} × ${size.height} 像素，超过 1 亿像素，手机可能打不开。请缩小或重新扫描（300 dpi 即可）后再上传。`,
      { width: size.width, height: size.height, maxPixels: MAX_IMAGE_PIXELS },
    );
}

/**
 * Checks an upload (size, content, the unit's quota) and writes it under a fresh key. The caller
 * records it in the database and removes the file (`path`) when that fails.
 */
export async function persistUpload(ctx: AppContext, actor: Actor, file: MultipartFile, now: Date) {
  const buffer = await file.toBuffer();
  if (file.file.truncated) refuse('invalid', 'FILE_TOO_LARGE', '文件超过 20 MB 的大小限制。');
  if (buffer.length === 0) refuse('invalid', 'FILE_EMPTY', '上传的文件是空的。');
  const mime = await checkContent(buffer);
  const quota = (await ctx.settings.security()).unitUploadQuotaMb * 1024 * 1024;
  const used = await new WorkOrderRepository(ctx.db.kysely).unitAttachmentBytes(actor.unitId);
  if (used + buffer.length > quota)
    refuse(
      'rule',
      'UNIT_QUOTA_EXCEEDED',
      `本单位的附件存储已达上限（${Math.round(quota / 1024 / 1024)} MB），请联系系统管理员。`,
    );

  const key = join(String(now.getUTCFullYear()), `${randomBytes(16).toString('hex')}`);
  const path = join(ctx.uploadsDir, key);
  await mkdir(join(ctx.uploadsDir, String(now.getUTCFullYear())), { recursive: true });
  // Written under a temporary name and renamed, so a crash never leaves a half file under a real key.
  await writeFile(`${path}.part`, buffer);
  await rename(`${path}.part`, path);
  const fileName = file.filename.slice(0, 200) || 'file';
  return { buffer, mime, key, path, fileName };
}

/** What an upload answers: the stored file as the client will list it. */
export const attachmentAnswer = <P extends AttachmentPurpose>(id: number, a: NewAttachment, purpose: P) => ({
  id,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
  purpose,
});

export async function storeAttachment(
  ctx: AppContext,
  service: WorkOrderService,
  orderId: number,
  actor: Actor,
  file: MultipartFile,
  purpose: AttachmentPurpose,
  ip: string | null,
) {
  const { row, subject } = await service.loadVisible(orderId, actor);
  if (!can(actor, 'workOrder.attach', subject)) {
    refuse('forbidden', 'READ_ONLY_ROLE', '您的角色只能查看工单，不能上传附件。');
  }
  if (row.state === 'closed' || row.state === 'voided') {
    refuse('state', 'ORDER_FINISHED', '工单已办结或作废，不能再上传附件。');
  }
  const now = ctx.clock.now();
  const upload = await persistUpload(ctx, actor, file, now);
  const attachment = uploadedAttachment(upload, { orderId, forUnitId: null }, purpose, actor, now);
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const id = await new AttachmentRepository(trx).insert(attachment);
      const { fileName } = attachment;
      await new WorkOrderRepository(trx).addEvent(orderId, 'attachment_added', eventActor(actor, ip), now, {
        attachmentId: id,
        fileName,
        purpose,
      });
      return attachmentAnswer(id, attachment, purpose);
    });
  } catch (e) {
    await rm(upload.path, { force: true });
    throw e;
  }
}

export async function openAttachment(ctx: AppContext, service: WorkOrderService, id: number, actor: Actor) {
  const a = await new AttachmentRepository(ctx.db.kysely).get(id);
  if (!a?.order_id) return refuse('not_found', 'ATTACHMENT_NOT_FOUND', '附件不存在，或不在您的办理范围内。');
  await service.loadVisible(a.order_id, actor);
  return { meta: a, stream: createReadStream(join(ctx.uploadsDir, a.storage_key)) };
}

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { AttachmentPurpose } from '../../domain/attachment-purpose.js';
import { refuse } from '../../domain/refusal.js';
import { type Actor, hasRole } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { eventActor, type WorkOrderService } from './work-order.service.js';

/** Accepted types, recognised by their first bytes rather than by what the browser claims. */
const SIGNATURES: Array<{ mime: string; test: (b: Buffer) => boolean }> = [
  { mime: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/tiff',
    test: (b) => ['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex')),
  },
];

export async function storeAttachment(
  ctx: AppContext,
  service: WorkOrderService,
  orderId: number,
  actor: Actor,
  file: MultipartFile,
  purpose: AttachmentPurpose,
  ip: string | null,
) {
  const { row } = await service.loadVisible(orderId, actor);
  if (hasRole(actor, 'supervisor', 'county_leader') && !hasRole(actor, 'dispatcher', 'reviewer')) {
    refuse('forbidden', 'READ_ONLY_ROLE', '您的角色只能查看工单,不能上传附件。');
  }
  if (row.state === 'closed' || row.state === 'voided') {
    refuse('state', 'ORDER_FINISHED', '工单已办结或作废,不能再上传附件。');
  }
  const buffer = await file.toBuffer();
  if (file.file.truncated) refuse('invalid', 'FILE_TOO_LARGE', '文件超过 20 MB 的大小限制。');
  if (buffer.length === 0) refuse('invalid', 'FILE_EMPTY', '上传的文件是空的。');
  const kind = SIGNATURES.find((s) => s.test(buffer));
  if (!kind)
    refuse(
      'invalid',
      'FILE_TYPE_NOT_ALLOWED',
      '只能上传 PDF、JPG、PNG 或 TIFF 格式的文件(扫描件、传真件、照片)。',
    );

  const now = ctx.clock.now();
  const key = join(String(now.getUTCFullYear()), `${randomBytes(16).toString('hex')}`);
  const path = join(ctx.uploadsDir, key);
  await mkdir(join(ctx.uploadsDir, String(now.getUTCFullYear())), { recursive: true });
  // Written under a temporary name and renamed, so a crash never leaves a half file under a real key.
  await writeFile(`${path}.part`, buffer);
  await rename(`${path}.part`, path);
  const fileName = file.filename.slice(0, 200) || 'file';
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('attachments')
        .values({
          order_id: orderId,
          purpose,
          file_name: fileName,
          mime_type: kind.mime,
          size: buffer.length,
          sha256: createHash('sha256').update(buffer).digest('hex'),
          storage_key: key,
          uploaded_by: actor.userId,
          unit_id: actor.unitId,
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await new WorkOrderRepository(trx).addEvent(orderId, 'attachment_added', eventActor(actor, ip), now, {
        attachmentId: inserted.id,
        fileName,
        purpose,
      });
      return { id: Number(inserted.id), fileName, mimeType: kind.mime, size: buffer.length, purpose };
    });
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
}

export async function openAttachment(ctx: AppContext, service: WorkOrderService, id: number, actor: Actor) {
  const a = await ctx.db.kysely.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a?.order_id) return refuse('not_found', 'ATTACHMENT_NOT_FOUND', '附件不存在,或不在您的办理范围内。');
  await service.loadVisible(a.order_id, actor);
  return { meta: a, stream: createReadStream(join(ctx.uploadsDir, a.storage_key)) };
}

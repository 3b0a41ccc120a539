import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { Transaction } from 'kysely';
import { AttachmentRepository, uploadedAttachment } from '../../db/repositories/attachment.repository.js';
import type { Database } from '../../db/schema.js';
import {
  type AttachmentPurpose,
  checkRegistrationProof,
  registrationScanUsed,
} from '../../domain/attachment-purpose.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { attachmentAnswer, persistUpload } from '../work-orders/attachments.js';

/**
 * The stamped registration form (登记表): the notice asks each unit to fill it in, stamp it and
 * send it to the hotline office. Filing it in Huiyin needs the scan of that stamped form,
 * uploaded for that unit's registration and used by one filing only.
 */
export class RegistrationScanService {
  constructor(private readonly ctx: AppContext) {}

  mayEdit(actor: Actor, unitId: number): void {
    if (!can(actor, 'unit.editRegistration', { kind: 'unit', unitId }))
      refuse('forbidden', 'OTHER_UNIT', '只能填报本单位的登记表。');
  }

  async upload(actor: Actor, unitId: number, file: MultipartFile, purpose: AttachmentPurpose) {
    this.mayEdit(actor, unitId);
    const now = this.ctx.clock.now();
    const upload = await persistUpload(this.ctx, actor, file, now);
    const attachment = uploadedAttachment(upload, { orderId: null, forUnitId: unitId }, purpose, actor, now);
    try {
      const id = await new AttachmentRepository(this.ctx.db.kysely).insert(attachment);
      return attachmentAnswer(id, attachment, purpose);
    } catch (e) {
      await rm(upload.path, { force: true });
      throw e;
    }
  }

  /** Checks and binds the scan to this filing, inside the filing's transaction. */
  async requireFor(trx: Transaction<Database>, unitId: number, attachmentId: number | undefined, at: Date) {
    const files = new AttachmentRepository(trx);
    const facts = attachmentId === undefined ? undefined : await files.facts(attachmentId);
    checkRegistrationProof(facts, { purpose: 'registration_scan', forUnitId: unitId });
    const id = attachmentId as number;
    if (!(await files.bind(id, `registration:${unitId}@${at.toISOString()}`))) throw registrationScanUsed(id);
    return id;
  }

  async open(unitId: number) {
    const scan = await new AttachmentRepository(this.ctx.db.kysely).registrationScanOf(unitId);
    if (!scan) return refuse('not_found', 'REGISTRATION_SCAN_NOT_FOUND', '该单位的登记表尚未附盖章扫描件。');
    return { meta: scan, stream: createReadStream(join(this.ctx.uploadsDir, scan.storage_key)) };
  }
}

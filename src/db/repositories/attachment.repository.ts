import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AttachmentFacts } from '../../domain/attachment-purpose.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** An attachment's row before it is inserted. */
export interface NewAttachment {
  orderId: number | null;
  forUnitId: number | null;
  purpose: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: number;
  uploaderUnitId: number;
  at: string;
}

/**
 * The row for a file uploaded and stored under `storageKey`, for an order or for a unit's
 * registration: its size and SHA-256 are taken from the bytes themselves.
 */
export function uploadedAttachment(
  file: { buffer: Buffer; mime: string; key: string; fileName: string },
  owner: { orderId: number; forUnitId: null } | { orderId: null; forUnitId: number },
  purpose: string,
  by: { userId: number; unitId: number },
  at: Date,
): NewAttachment {
  return {
    ...owner,
    purpose,
    fileName: file.fileName,
    mimeType: file.mime,
    size: file.buffer.length,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    storageKey: file.key,
    uploadedBy: by.userId,
    uploaderUnitId: by.unitId,
    at: at.toISOString(),
  };
}

/** Stored files and the requests they serve as proof for. */
export class AttachmentRepository {
  constructor(private readonly db: Executor) {}

  async facts(id: number): Promise<AttachmentFacts | undefined> {
    const row = await this.db
      .selectFrom('attachments')
      .select(['id', 'order_id', 'purpose', 'unit_id', 'bound_to', 'for_unit_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      orderId: row.order_id,
      purpose: row.purpose,
      unitId: row.unit_id,
      boundTo: row.bound_to,
      forUnitId: row.for_unit_id,
    };
  }

  get(id: number) {
    return this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records a file uploaded for an order (`orderId`) or for a unit's registration form (`forUnitId`). */
  async insert(row: NewAttachment): Promise<number> {
    const inserted = await this.db
      .insertInto('attachments')
      .values({
        order_id: row.orderId,
        for_unit_id: row.forUnitId,
        purpose: row.purpose,
        file_name: row.fileName,
        mime_type: row.mimeType,
        size: row.size,
        sha256: row.sha256,
        storage_key: row.storageKey,
        uploaded_by: row.uploadedBy,
        unit_id: row.uploaderUnitId,
        created_at: row.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  }

  /** The stored file behind a unit's current registration, if any. */
  registrationScanOf(unitId: number) {
    return this.db
      .selectFrom('unit_registrations as r')
      .innerJoin('attachments as a', 'a.id', 'r.scan_attachment_id')
      .select(['a.id', 'a.file_name', 'a.mime_type', 'a.storage_key'])
      .where('r.unit_id', '=', unitId)
      .executeTakeFirst();
  }

  /**
   * Binds a file to the request it proves. Conditional, so two requests racing for one file
   * cannot both have it; returns false when it was already bound.
   */
  async bind(id: number, request: string): Promise<boolean> {
    const r = await this.db
      .updateTable('attachments')
      .set({ bound_to: request })
      .where('id', '=', id)
      .where('bound_to', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

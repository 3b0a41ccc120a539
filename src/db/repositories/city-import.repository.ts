import type { Kysely, Transaction } from 'kysely';
import type { Cell, ColumnMapping } from '../../domain/city-import.js';
import type { CityImportPreviewRow, Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A data row of the file: its row number in the sheet and its cells in header order. */
export interface SheetRow {
  n: number;
  cells: Cell[];
}

/** Dates survive the trip through JSON tagged, so a re-read with another mapping sees the same cells. */
const encodeCells = (rows: SheetRow[]): string =>
  JSON.stringify(
    rows.map((r) => [r.n, ...r.cells.map((c) => (c instanceof Date ? { $date: c.toISOString() } : c))]),
  );
const decodeCells = (json: string): SheetRow[] =>
  (JSON.parse(json) as unknown[][]).map(([n, ...cells]) => ({
    n: Number(n),
    cells: cells.map((c) =>
      c && typeof c === 'object' && '$date' in c
        ? new Date(String((c as { $date: string }).$date))
        : (c as Cell),
    ),
  }));

export interface StoredPreview<Plan, Result> {
  id: string;
  createdBy: number;
  createdAt: string;
  expiresAt: string;
  fileName: string;
  headers: string[];
  cells: SheetRow[];
  mapping: ColumnMapping;
  plan: Plan;
  status: 'open' | 'confirming' | 'confirmed';
  confirmedAt: string | null;
  result: Result | null;
}

function toPreview<Plan, Result>(r: CityImportPreviewRow): StoredPreview<Plan, Result> {
  return {
    id: r.id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    fileName: r.file_name,
    headers: JSON.parse(r.headers) as string[],
    cells: decodeCells(r.cells),
    mapping: JSON.parse(r.mapping) as ColumnMapping,
    plan: JSON.parse(r.plan) as Plan,
    status: r.status as StoredPreview<Plan, Result>['status'],
    confirmedAt: r.confirmed_at,
    result: r.result ? (JSON.parse(r.result) as Result) : null,
  };
}

/** Spreadsheet-import previews and the office's saved column mappings. */
export class CityImportRepository {
  constructor(private readonly db: Executor) {}

  /** Stores a new preview, open until it is confirmed or expires. */
  async insertPreview(
    p: Omit<StoredPreview<unknown, never>, 'status' | 'confirmedAt' | 'result'>,
  ): Promise<void> {
    await this.db
      .insertInto('city_import_previews')
      .values({
        id: p.id,
        created_by: p.createdBy,
        created_at: p.createdAt,
        expires_at: p.expiresAt,
        file_name: p.fileName,
        headers: JSON.stringify(p.headers),
        cells: encodeCells(p.cells),
        mapping: JSON.stringify(p.mapping),
        plan: JSON.stringify(p.plan),
        status: 'open',
      })
      .execute();
  }

  async findPreview<Plan, Result>(id: string): Promise<StoredPreview<Plan, Result> | null> {
    const row = await this.db
      .selectFrom('city_import_previews')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toPreview<Plan, Result>(row) : null;
  }

  /** A new mapping and the plan read with it, while the preview is still open. */
  async replan(id: string, mapping: ColumnMapping, plan: unknown): Promise<boolean> {
    const r = await this.db
      .updateTable('city_import_previews')
      .set({ mapping: JSON.stringify(mapping), plan: JSON.stringify(plan) })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Claims an open preview for confirmation; false when another confirmation got it first. */
  async claim(id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('city_import_previews')
      .set({ status: 'confirming' })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async finish(id: string, at: string, result: unknown): Promise<void> {
    await this.db
      .updateTable('city_import_previews')
      .set({ status: 'confirmed', confirmed_at: at, result: JSON.stringify(result) })
      .where('id', '=', id)
      .execute();
  }

  /** Previews past their time and never confirmed: their rows (citizens' data) are not kept. */
  async deleteExpired(now: string): Promise<void> {
    await this.db
      .deleteFrom('city_import_previews')
      .where('expires_at', '<', now)
      .where('status', '=', 'open')
      .execute();
  }

  async mappingFor(signature: string): Promise<ColumnMapping | null> {
    const row = await this.db
      .selectFrom('city_import_mappings')
      .select('mapping')
      .where('signature', '=', signature)
      .executeTakeFirst();
    return row ? (JSON.parse(row.mapping) as ColumnMapping) : null;
  }

  /** The most recently saved mapping, tried on a file whose headers were never seen. */
  async latestMapping(): Promise<ColumnMapping | null> {
    const row = await this.db
      .selectFrom('city_import_mappings')
      .select('mapping')
      .orderBy('saved_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? (JSON.parse(row.mapping) as ColumnMapping) : null;
  }

  async saveMapping(m: {
    signature: string;
    headers: string[];
    mapping: ColumnMapping;
    savedBy: number;
    savedAt: string;
  }): Promise<void> {
    const values = {
      signature: m.signature,
      headers: JSON.stringify(m.headers),
      mapping: JSON.stringify(m.mapping),
      saved_by: m.savedBy,
      saved_at: m.savedAt,
    };
    await this.db
      .insertInto('city_import_mappings')
      .values(values)
      .onConflict((oc) =>
        oc.column('signature').doUpdateSet({
          headers: values.headers,
          mapping: values.mapping,
          saved_by: m.savedBy,
          saved_at: m.savedAt,
        }),
      )
      .execute();
  }
}

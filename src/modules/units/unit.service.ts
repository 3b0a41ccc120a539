import { fromJson } from '../../db/json.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { editConflict, refuse } from '../../domain/refusal.js';
import { type Actor, UNIT_KIND_LABELS, type UNIT_KINDS } from '../../domain/roles.js';
import { parseSynonyms } from '../../domain/search-match.js';
import { searchTextOf } from '../../domain/search-text.js';
import { isSignOffMode, SIGN_OFF_MODE_LABELS } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';
import { RegistrationScanService } from './registration-scan.service.js';
import type { Registration, UnitInput } from './units.schemas.js';

/**
 * Units and their registration forms (登记表): the office creates and edits units, each unit files
 * its own form with the stamped scan. Every change commits together with its audit entry.
 */
export class UnitService {
  private readonly units: UnitRepository;
  private readonly scans: RegistrationScanService;

  constructor(private readonly ctx: AppContext) {
    this.units = new UnitRepository(ctx.db.kysely);
    this.scans = new RegistrationScanService(ctx);
  }

  /** Every unit (or the one asked for), with its form, sign-off mode and search text. */
  async load(id?: number) {
    return (await this.units.withRegistrations(id)).map((u) => {
      const filed = u.leader_in_charge !== null;
      const synonyms = parseSynonyms(u.synonyms);
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind as (typeof UNIT_KINDS)[number],
        kindLabel: UNIT_KIND_LABELS[u.kind as (typeof UNIT_KINDS)[number]],
        remit: u.remit,
        active: u.active === 1,
        registrationFiled: filed,
        registration: filed
          ? {
              leaderInCharge: fromJson(u.leader_in_charge) as Registration['leaderInCharge'],
              liaisonA: fromJson(u.liaison_a) as Registration['liaisonA'],
              liaisonB: fromJson(u.liaison_b) as Registration['liaisonB'],
              remarks: u.remarks ?? '',
              filledBy: u.filled_by ?? '',
              filledByPhone: u.filled_by_phone ?? '',
            }
          : null,
        registrationUpdatedAt: u.reg_updated_at ?? null,
        registrationScanId: u.scan_attachment_id ?? null,
        signOffMode: u.sign_off_mode,
        signOffModeLabel: isSignOffMode(u.sign_off_mode)
          ? SIGN_OFF_MODE_LABELS[u.sign_off_mode]
          : u.sign_off_mode,
        synonyms,
        searchText: searchTextOf([u.name, ...synonyms]),
        version: u.version,
      };
    });
  }

  async create(b: UnitInput, who: AuditWho): Promise<number> {
    if (await this.units.clash(b.code, b.name)) refuse('conflict', 'UNIT_EXISTS', '已有同名或同代码的单位。');
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      const id = await new UnitRepository(trx).insert({
        ...b,
        active: b.active ? 1 : 0,
        created_at: this.ctx.clock.now().toISOString(),
      });
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'unit.created',
        target: `unit:${id} ${b.name}`,
        after: b,
      });
      return id;
    });
  }

  /** `b.version`: the version the form was opened on; a unit edited since is not overwritten (409). */
  async update(id: number, b: UnitInput & { version?: number | undefined }, who: AuditWho): Promise<void> {
    if (await this.units.clash(b.code, b.name, id))
      refuse('conflict', 'UNIT_EXISTS', '已有同名或同代码的单位。');
    const { version: expected, ...fields } = b;
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const units = new UnitRepository(trx);
      const stored = await units.editable(id);
      if (!stored) return refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
      const { version, ...before } = stored;
      if (expected !== undefined && expected !== version) editConflict(`单位「${before.name}」`, version);
      if (before.active === 1 && !fields.active) await this.mayDeactivate(units, id);
      if (!(await units.update(id, { ...fields, active: fields.active ? 1 : 0 }, version)))
        editConflict(`单位「${before.name}」`, version + 1);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'unit.updated',
        target: `unit:${id} ${fields.name}`,
        before: { ...before, active: before.active === 1 },
        after: fields,
      });
    });
  }

  /**
   * A unit stops receiving orders when deactivated, and nobody else can act on the parts it holds:
   * its open orders would be stranded. The office first lets it finish them, or has them returned
   * (回退) and dispatched elsewhere.
   */
  private async mayDeactivate(units: UnitRepository, id: number): Promise<void> {
    const open = await units.openParts(id);
    if (open.count === 0) return;
    refuse(
      'rule',
      'UNIT_HAS_OPEN_ORDERS',
      `该单位还有 ${open.count} 件未办结的工单（${open.codes.join('、')}${open.count > open.codes.length ? ' 等' : ''}），停用后无人能办理。请待其办结，或经回退后改派其他单位，再停用。`,
      { openOrders: open.count, codes: open.codes },
    );
  }

  /** Files the unit's form; the stamped scan of this very filing is required (the notice: 「加盖公章后……报县热线办」). */
  async fileRegistration(
    unitId: number,
    b: Registration & { scanAttachmentId?: number | undefined },
    actor: Actor,
    who: AuditWho,
  ): Promise<void> {
    this.scans.mayEdit(actor, unitId);
    if (!(await this.units.find(unitId))) refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
    const values = {
      leader_in_charge: JSON.stringify(b.leaderInCharge),
      liaison_a: JSON.stringify(b.liaisonA),
      liaison_b: JSON.stringify(b.liaisonB),
      remarks: b.remarks,
      filled_by: b.filledBy,
      filled_by_phone: b.filledByPhone,
      updated_at: this.ctx.clock.now().toISOString(),
      updated_by: actor.userId,
      scan_attachment_id: null as number | null,
    };
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const units = new UnitRepository(trx);
      values.scan_attachment_id = await this.scans.requireFor(
        trx,
        unitId,
        b.scanAttachmentId,
        this.ctx.clock.now(),
      );
      const before = await units.registration(unitId);
      const unit = await units.find(unitId);
      await units.saveRegistration(unitId, values);
      // Staff mobiles are personal data: the entry says what changed, the form itself stays in its table.
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'unit.registration_changed',
        target: `unit:${unitId} ${unit?.name ?? ''}`.trim(),
        detail: before ? '更新登记表' : '首次填报登记表',
        before: before ? { updatedAt: before.updated_at, updatedBy: before.updated_by } : null,
        after: { updatedAt: values.updated_at, updatedBy: values.updated_by },
      });
    });
  }
}

import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { refuse } from '../../domain/refusal.js';
import { HANDLING_UNIT_KINDS, type UnitKind } from '../../domain/roles.js';
import { SIGN_OFF_MODE_LABELS, type SignOffMode } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';

/**
 * The office switches a unit between sign-off by its leaders in Huiyin (the default) and a typed
 * issuer with the signed scan attached, for units whose leaders have no accounts. The change and
 * its audit entry commit together; orders already waiting for a leader (待签发) keep waiting.
 */
export class SignOffModeService {
  constructor(private readonly ctx: AppContext) {}

  async set(unitId: number, mode: SignOffMode, who: AuditWho) {
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      const units = new UnitRepository(trx);
      const unit = await units.find(unitId);
      if (!unit) return refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
      if (!HANDLING_UNIT_KINDS.includes(unit.kind as UnitKind))
        refuse('invalid', 'UNIT_KIND_INVALID', `「${unit.name}」不是承办单位，没有答复签发方式。`);
      if (unit.sign_off_mode !== mode) {
        await units.setSignOffMode(unitId, mode);
        await this.ctx.audit.record(trx, {
          ...who,
          action: 'unit.updated',
          // Named as every unit's entry is (`unit:14 县市场监督管理局`): the auditor reads names, not ids.
          target: `unit:${unitId} ${unit.name}`,
          detail: `答复签发方式：${SIGN_OFF_MODE_LABELS[mode]}`,
          before: { signOffMode: unit.sign_off_mode },
          after: { signOffMode: mode },
        });
      }
      return { unitId, signOffMode: mode, label: SIGN_OFF_MODE_LABELS[mode] };
    });
  }
}

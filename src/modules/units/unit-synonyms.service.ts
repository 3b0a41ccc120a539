import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { editConflict, refuse } from '../../domain/refusal.js';
import { parseSynonyms } from '../../domain/search-match.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';

/**
 * The office keeps the words people use for a unit (「住建」「房管」 for 县住建局), so every unit
 * picker finds it by them too. The change commits with its audit entry (before and after).
 */
export class UnitSynonymsService {
  constructor(private readonly ctx: AppContext) {}

  /** `expected`: the unit's version the list was opened on; a unit edited since is not overwritten (409). */
  async set(unitId: number, typed: readonly string[], who: AuditWho, expected?: number): Promise<string[]> {
    const synonyms = parseSynonyms(typed.join('、'));
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      const units = new UnitRepository(trx);
      const unit = await units.find(unitId);
      if (!unit) return refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
      if (!(await units.setSynonyms(unitId, synonyms, expected ?? unit.version)))
        editConflict(`单位「${unit.name}」的同义词`, unit.version);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'unit.updated',
        target: `unit:${unitId} ${unit.name}`,
        detail: '修改同义词',
        before: { synonyms: parseSynonyms(unit.synonyms) },
        after: { synonyms },
      });
      return synonyms;
    });
  }
}

import {
  CityBulletinRepository,
  type LinkedOrderRow,
  type NamedUnitRow,
} from '../../db/repositories/city-bulletin.repository.js';
import type { CityBulletinRow } from '../../db/schema-supervision.js';
import {
  ACCOUNTABILITY_MEASURES,
  type AccountabilityMeasure,
  type CityBulletinInput,
  checkCityBulletin,
  normaliseOrderCode,
} from '../../domain/city-bulletin.js';
import { can } from '../../domain/policy.js';
import { AppRefusal, refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { shanghaiDate } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';

const notFound = (): never => refuse('not_found', 'CITY_BULLETIN_NOT_FOUND', '市政府通报不存在。');

function view(b: CityBulletinRow, units: NamedUnitRow[], orders: LinkedOrderRow[], actor: Actor) {
  // A unit reads the bulletin and the accountability decided for itself, not for the other units named.
  const seesAll = can(actor, 'cityBulletin.read', { kind: 'unit', unitId: -1 });
  return {
    id: b.id,
    number: b.number,
    title: b.title,
    issuedOn: b.issued_on,
    issuer: b.issuer,
    matter: b.matter,
    recordedByName: b.recorded_by_name,
    recordedAt: b.recorded_at,
    version: b.version,
    orders: orders.map((o) => ({ id: o.order_id, code: o.code, title: o.title })),
    units: units
      .filter((u) => seesAll || u.unit_id === actor.unitId)
      .map((u) => ({
        unitId: u.unit_id,
        unitName: u.unit_name,
        measure: u.measure as AccountabilityMeasure | null,
        measureLabel: u.measure ? ACCOUNTABILITY_MEASURES[u.measure as AccountabilityMeasure] : '待定',
        note: u.note,
        decidedBy: u.decided_by,
      })),
  };
}
export type CityBulletinView = ReturnType<typeof view>;

/**
 * 被市政府通报: the office records the city's bulletins about the county, the orders and units
 * they name, and the accountability decided per unit. Each change is one transaction with its
 * audit entry; the bulletin's version detects concurrent edits. A unit reads those naming it.
 */
export class CityBulletinService {
  private readonly repo: CityBulletinRepository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new CityBulletinRepository(ctx.db.kysely);
  }

  async list(actor: Actor) {
    const all = can(actor, 'cityBulletin.read', { kind: 'unit', unitId: -1 });
    const rows = await this.repo.list(all ? undefined : actor.unitId);
    const ids = rows.map((r) => r.id);
    const [units, orders] = [await this.repo.unitsOf(ids), await this.repo.ordersOf(ids)];
    return {
      items: rows.map((r) =>
        view(
          r,
          units.filter((u) => u.bulletin_id === r.id),
          orders.filter((o) => o.bulletin_id === r.id),
          actor,
        ),
      ),
      measures: Object.entries(ACCOUNTABILITY_MEASURES).map(([value, label]) => ({ value, label })),
    };
  }

  async get(actor: Actor, id: number): Promise<CityBulletinView> {
    const b = (await this.repo.get(id)) ?? notFound();
    const units = await this.repo.unitsOf([id]);
    if (!units.some((u) => can(actor, 'cityBulletin.read', { kind: 'unit', unitId: u.unit_id }))) notFound();
    return view(b, units, await this.repo.ordersOf([id]), actor);
  }

  async record(actor: Actor, who: AuditWho, input: CityBulletinInput): Promise<CityBulletinView> {
    const checked = await this.checked(input);
    const at = this.ctx.clock.now().toISOString();
    const id = await this.repo.transaction(async (repo, trx) => {
      const id = await repo.insert(checked, { userId: actor.userId, name: actor.name }, at);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'cityBulletin.recorded',
        target: `cityBulletin:${id}`,
        detail: `${checked.number} ${checked.title}`,
        after: checked,
      });
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, who: AuditWho, id: number, version: number, input: CityBulletinInput) {
    const checked = await this.checked(input);
    const at = this.ctx.clock.now().toISOString();
    await this.repo.transaction(async (repo, trx) => {
      const before = (await repo.get(id)) ?? notFound();
      const beforeUnits = await repo.unitsOf([id]);
      if (!(await repo.update(id, version, checked, at))) throw stale();
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'cityBulletin.changed',
        target: `cityBulletin:${id}`,
        detail: `${checked.number} ${checked.title}`,
        before: {
          number: before.number,
          issuedOn: before.issued_on,
          units: beforeUnits.map((u) => ({ unitId: u.unit_id, measure: u.measure, decidedBy: u.decided_by })),
        },
        after: checked,
      });
    });
    return this.get(actor, id);
  }

  private async checked(input: CityBulletinInput) {
    const codes = input.orderCodes.map(normaliseOrderCode).filter(Boolean);
    return checkCityBulletin(input, {
      today: shanghaiDate(this.ctx.clock.now()),
      unitIds: await this.repo.unitIds(),
      orderIdByCode: await this.repo.orderIdsByCode(codes),
    });
  }
}

function stale(): AppRefusal {
  return new AppRefusal(
    'VERSION_CONFLICT',
    '该通报已被他人修改，您看到的不是最新内容。请刷新后再保存（已填写的内容会保留）。',
    undefined,
    'conflict',
  );
}

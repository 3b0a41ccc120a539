import type { Period } from './figures.js';
import { substanceLength } from './knowledge/entries.js';
import { refuse } from './refusal.js';
import { type IsoDate, isIsoDate } from './time.js';

/**
 * Bulletins the city government issues about the county (被市政府通报, notice section 三:
 * 「因不及时上报办理结果,导致超期工单较多,被市政府通报……严肃追究承办单位及有关责任人责任」).
 * The office records each bulletin with the units it names and, per unit, the accountability
 * decided (追究责任). Counted in the units' figures by the bulletin's date: one definition, here.
 */
export const ACCOUNTABILITY_MEASURES = {
  interview: '约谈',
  criticism: '通报批评',
  written_review: '责令书面检查',
  efficiency_accountability: '效能问责',
  none: '不予追究',
} as const;
export type AccountabilityMeasure = keyof typeof ACCOUNTABILITY_MEASURES;
export const MEASURE_KEYS = Object.keys(ACCOUNTABILITY_MEASURES) as [
  AccountabilityMeasure,
  ...AccountabilityMeasure[],
];

export interface NamedUnit {
  unitId: number;
  /** Null while the accountability is still to be decided (待定). */
  measure: AccountabilityMeasure | null;
  note: string;
  /** Who decided it (e.g. 县政府常务会议、县纪委监委); required once a measure is set. */
  decidedBy: string;
}

export interface CityBulletinInput {
  number: string;
  title: string;
  issuedOn: IsoDate;
  issuer: string;
  matter: string;
  /** The work orders it names, by the county's order code or the city's order number. */
  orderCodes: string[];
  units: NamedUnit[];
}

export interface CheckedCityBulletin extends Omit<CityBulletinInput, 'orderCodes'> {
  orderIds: number[];
}

/** An order code as typed: full-width letters, digits and spaces alike. */
export const normaliseOrderCode = (code: string) => code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const invalid = (code: string, message: string): never => refuse('invalid', code, message);

const trimmed = (value: string, min: number, code: string, message: string) => {
  const t = value.trim();
  if (substanceLength(t) < min) invalid(code, message);
  return t;
};

/** Checks a city bulletin as recorded by the office; returns it trimmed, without repeats. */
export function checkCityBulletin(
  input: CityBulletinInput,
  facts: { today: IsoDate; unitIds: ReadonlySet<number>; orderIdByCode: ReadonlyMap<string, number> },
): CheckedCityBulletin {
  const number = trimmed(
    input.number,
    2,
    'CITY_BULLETIN_NUMBER_REQUIRED',
    '请填写通报的文号（如 市热线通〔2026〕12号）。',
  );
  const title = trimmed(input.title, 4, 'CITY_BULLETIN_TITLE_REQUIRED', '请填写通报的标题（至少 4 个字）。');
  if (!isIsoDate(input.issuedOn) || input.issuedOn > facts.today)
    invalid('CITY_BULLETIN_DATE_INVALID', '通报日期须是有效日期，且不能晚于今天。');
  const issuer = trimmed(
    input.issuer,
    2,
    'CITY_BULLETIN_ISSUER_REQUIRED',
    '请填写发文单位（如 市政府办公室）。',
  );
  const matter = trimmed(
    input.matter,
    5,
    'CITY_BULLETIN_MATTER_REQUIRED',
    '请写明通报的事项（至少 5 个字）。',
  );
  const orderIds = new Set<number>();
  for (const code of input.orderCodes.map(normaliseOrderCode).filter(Boolean)) {
    const id = facts.orderIdByCode.get(code);
    if (id === undefined)
      invalid('CITY_BULLETIN_ORDER_NOT_FOUND', `没有编号为 ${code} 的工单，请核对工单编号或市平台工单号。`);
    orderIds.add(id as number);
  }
  if (input.units.length === 0) invalid('CITY_BULLETIN_UNITS_REQUIRED', '请至少选择一个被通报的承办单位。');
  const seen = new Set<number>();
  const units = input.units.map((u) => {
    if (!facts.unitIds.has(u.unitId)) invalid('CITY_BULLETIN_UNIT_INVALID', '所选单位不是承办单位。');
    if (seen.has(u.unitId)) invalid('CITY_BULLETIN_UNIT_REPEATED', '同一单位在一份通报中只列一次。');
    seen.add(u.unitId);
    const note = u.note.trim();
    const decidedBy = u.decidedBy.trim();
    if (u.measure !== null) {
      if (substanceLength(decidedBy) < 2)
        invalid('ACCOUNTABILITY_DECIDER_REQUIRED', '已确定追究方式的，请写明由谁决定（如 县政府常务会议）。');
      if (u.measure === 'none' && substanceLength(note) < 4)
        invalid('ACCOUNTABILITY_NOTE_REQUIRED', '不予追究的，请在说明中写明理由（至少 4 个字）。');
    }
    return { unitId: u.unitId, measure: u.measure, note, decidedBy };
  });
  return { number, title, issuedOn: input.issuedOn, issuer, matter, orderIds: [...orderIds], units };
}

/** One unit named in one bulletin, as the figures read it. */
export interface NamedUnitFact {
  issuedOn: IsoDate;
  unitId: number;
  measure: AccountabilityMeasure | null;
}

export interface CityBulletinCounts {
  /** Times the unit was named in a city bulletin issued in the period. */
  cityBulletins: number;
  /** Accountability measures taken against it for those bulletins (不予追究 and 待定 not counted). */
  accountabilities: number;
}

/** Per unit, the period's city bulletins and accountability measures, by the bulletin's date. */
export function cityBulletinCountsByUnit(
  facts: readonly NamedUnitFact[],
  period: Period,
): Map<number, CityBulletinCounts> {
  const counts = new Map<number, CityBulletinCounts>();
  for (const f of facts) {
    if (f.issuedOn < period.from || f.issuedOn > period.to) continue;
    const c = counts.get(f.unitId) ?? { cityBulletins: 0, accountabilities: 0 };
    c.cityBulletins += 1;
    if (f.measure !== null && f.measure !== 'none') c.accountabilities += 1;
    counts.set(f.unitId, c);
  }
  return counts;
}

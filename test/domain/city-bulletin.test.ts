import { describe, expect, it } from 'vitest';
import {
  checkCityBulletin,
  cityBulletinCountsByUnit,
  normaliseOrderCode,
} from '../../src/domain/city-bulletin.js';
import { refusalCode } from './refusal-code.js';

const facts = {
  today: '2026-03-10',
  unitIds: new Set([7, 9]),
  orderIdByCode: new Map([
    ['HY20260301001', 41],
    ['SJ-2026-889', 42],
  ]),
};
const input = {
  number: '市热线通〔2026〕12号',
  title: '关于2月份12345热线工单超期情况的通报',
  issuedOn: '2026-03-05',
  issuer: '市政府办公室',
  matter: '县住建局超期工单 5 件，被市政府通报。',
  orderCodes: ['ｈｙ20260301001', 'SJ-2026-889 ', 'HY20260301001'],
  units: [
    { unitId: 7, measure: 'interview' as const, note: '约谈分管领导', decidedBy: '县政府常务会议' },
    { unitId: 9, measure: null, note: '', decidedBy: '' },
  ],
};

describe('被市政府通报', () => {
  it('resolves order codes typed full-width or by the city number, once each', () => {
    expect(normaliseOrderCode(' ｈｙ 2026 ')).toBe('HY2026');
    expect(checkCityBulletin(input, facts).orderIds).toEqual([41, 42]);
  });

  it.each([
    [{ number: '　' }, 'CITY_BULLETIN_NUMBER_REQUIRED'],
    [{ title: '通报。' }, 'CITY_BULLETIN_TITLE_REQUIRED'],
    [{ issuedOn: '2026-03-11' }, 'CITY_BULLETIN_DATE_INVALID'],
    [{ issuedOn: '2026-02-30' }, 'CITY_BULLETIN_DATE_INVALID'],
    [{ issuer: '，' }, 'CITY_BULLETIN_ISSUER_REQUIRED'],
    [{ matter: '超期！！！' }, 'CITY_BULLETIN_MATTER_REQUIRED'],
    [{ orderCodes: ['HY404'] }, 'CITY_BULLETIN_ORDER_NOT_FOUND'],
    [{ units: [] }, 'CITY_BULLETIN_UNITS_REQUIRED'],
    [{ units: [{ unitId: 8, measure: null, note: '', decidedBy: '' }] }, 'CITY_BULLETIN_UNIT_INVALID'],
    [
      {
        units: [
          { unitId: 7, measure: null, note: '', decidedBy: '' },
          { unitId: 7, measure: null, note: '', decidedBy: '' },
        ],
      },
      'CITY_BULLETIN_UNIT_REPEATED',
    ],
    [
      { units: [{ unitId: 7, measure: 'criticism' as const, note: '', decidedBy: '' }] },
      'ACCOUNTABILITY_DECIDER_REQUIRED',
    ],
    [
      { units: [{ unitId: 7, measure: 'none' as const, note: '无。', decidedBy: '县政府' }] },
      'ACCOUNTABILITY_NOTE_REQUIRED',
    ],
  ])('refuses %o with %s', (change, code) => {
    expect(refusalCode(() => checkCityBulletin({ ...input, ...change }, facts))).toBe(code);
  });

  it('counts, per unit, the bulletins dated in the period and the measures other than 不予追究 and 待定', () => {
    const counts = cityBulletinCountsByUnit(
      [
        { issuedOn: '2026-03-05', unitId: 7, measure: 'interview' },
        { issuedOn: '2026-03-20', unitId: 7, measure: 'none' },
        { issuedOn: '2026-03-31', unitId: 7, measure: null },
        { issuedOn: '2026-04-01', unitId: 7, measure: 'criticism' },
        { issuedOn: '2026-02-28', unitId: 9, measure: 'criticism' },
      ],
      { from: '2026-03-01', to: '2026-03-31' },
    );
    expect(Object.fromEntries(counts)).toEqual({ 7: { cityBulletins: 3, accountabilities: 1 } });
  });
});

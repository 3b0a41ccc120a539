import { describe, expect, it } from 'vitest';
import { coOpinionGrounds, extensionReason, returnGrounds } from '../../src/domain/workflow/text-grounds.js';
import { refusalOf } from './factories.js';

describe('what a unit writes besides its reply', () => {
  it('a return names whose the matter is, or what it is, whatever the punctuation', () => {
    for (const reason of [
      '该事项由县水利局负责。',
      '该事项由县水利局负责.',
      '路段属省道S202线,养护归县公路段管',
    ])
      expect(returnGrounds({ reason, suggestedUnit: '县水利局' }).reason).toBe(reason);
    // Saying whose it is not is no reason, nor is only suggesting a unit.
    for (const reason of [
      '不属于我单位管理。',
      '不属于我单位职责范围，建议转办县水利局。',
      '非我局职责,请转办.',
    ])
      expect(refusalOf(() => returnGrounds({ reason, suggestedUnit: '县水利局' })).code).toBe(
        'RETURN_REASON_REQUIRED',
      );
  });

  it('says why difficulty, an unreasonable demand or an untrue report is no ground for a return', () => {
    const r = refusalOf(() =>
      returnGrounds({
        reason: '该问题为历史遗留问题，处理难度大，我镇无力解决。',
        suggestedUnit: '县人民政府',
      }),
    );
    expect(r.message).toContain('不是回退的理由');
    // …unless the reason also says whose the matter is.
    expect(
      returnGrounds({
        reason: '网约车非法营运查处属县交通运输局职责，我局无此项执法权。',
        suggestedUnit: '县交通运输局',
      }).suggestedUnit,
    ).toBe('县交通运输局');
    // The duty may stand between the body and 职责 (full-width or ASCII punctuation alike).
    for (const reason of [
      '液化气价格是否哄抬，属县市场监督管理局价格监督检查职责，乡镇无价格执法权限。',
      '液化气价格是否哄抬,系县市监局价格监管职能,我镇无执法权.',
    ])
      expect(returnGrounds({ reason, suggestedUnit: '县市场监督管理局' }).reason).toBe(reason);
    // …but not a body that is one of many, nor saying whose it is not.
    for (const reason of [
      '属镇政府土地管理职责，我局无执法权。',
      '不属于本局价格监督检查职责，我局无执法权。',
    ])
      expect(refusalOf(() => returnGrounds({ reason, suggestedUnit: '县市场监督管理局' })).code).toBe(
        'RETURN_REASON_REQUIRED',
      );
    // A property without title (无产权) is a fact about the matter, not a power the unit lacks.
    expect(
      returnGrounds({
        reason: '小区车位无产权证，归开发商所有，车位纠纷应由开发商与业主协商。',
        suggestedUnit: '县住建局',
      }).suggestedUnit,
    ).toBe('县住建局');
  });

  it('suggests one unit the office can send the order to', () => {
    const reason = '城区自来水水压不足属城市公共供水，由县供排水公司负责。';
    for (const unit of ['镇政府', '辖区派出所', '物业公司', '相关职能部门', '县热线办', '供水'])
      expect(refusalOf(() => returnGrounds({ reason, suggestedUnit: unit })).code, unit).toBe(
        'RETURN_SUGGESTION_REQUIRED',
      );
    expect(refusalOf(() => returnGrounds({ reason, suggestedUnit: '县水务局、县住建局' })).message).toContain(
      '不止一个单位',
    );
    for (const unit of ['城管', '县住房和城乡建设局', '川口镇人民政府', '国网民和县供电公司'])
      expect(returnGrounds({ reason, suggestedUnit: unit }).suggestedUnit).toBe(unit);
  });

  it('never suggests the returning unit itself, by name, synonym or a piece of its name', () => {
    const own = ['县市场监督管理局', '市场监管局', '市监局'];
    const reason = '商户无证经营属于市场监管事项，应由县市场监督管理局查处。';
    for (const suggestedUnit of [
      '县市场监督管理局',
      '市场监督管理局',
      '市场监管局',
      '市监局',
      '市场监督',
      '县 市场监督管理局',
    ])
      expect(() => returnGrounds({ reason, suggestedUnit, ownUnitNames: own }), suggestedUnit).toThrow(
        /是本单位/,
      );
    for (const suggestedUnit of ['县城市管理综合行政执法局', '县市场监督管理局城关所'])
      expect(returnGrounds({ reason, suggestedUnit, ownUnitNames: own }).suggestedUnit).toBe(suggestedUnit);
  });

  it('a co-unit says what it did or found, not that it will help', () => {
    expect(coOpinionGrounds('违建已于周三拆除。')).toBe('违建已于周三拆除。');
    for (const text of [
      '已收悉！我局高度重视！将全力以赴！',
      '我们会配合的，有事打电话',
      '我局将按照职责分工,积极配合.',
    ])
      expect(refusalOf(() => coOpinionGrounds(text)).code).toBe('OPINION_TOO_SHORT');
  });

  it('an extension says what it waits for or what stands in the way', () => {
    expect(extensionReason('等房屋安全鉴定报告')).toBe('等房屋安全鉴定报告');
    for (const text of [
      '情况复杂,需要时间,申请延期.',
      '工作量大，申请延期。',
      '领导出差，待领导回来后研究。',
    ])
      expect(refusalOf(() => extensionReason(text)).code).toBe('EXTENSION_REASON_REQUIRED');
  });
});

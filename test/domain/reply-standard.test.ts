import { describe, expect, it } from 'vitest';
import {
  checkReply,
  describeReplyProblems,
  type ReplyCheckContext,
  type ReplyContent,
} from '../../src/domain/reply-standard.js';
import { judgeClause, judgeReplySubstance, splitReplyClauses } from '../../src/domain/reply-substance.js';
import { sh } from './calendar-fixture.js';
import { citizenContact, goodReply } from './factories.js';

const ctx = (over: Partial<ReplyCheckContext> = {}): ReplyCheckContext => ({
  needsCitizenReply: false,
  now: sh('2026-03-05T16:00'),
  dispatchedAt: sh('2026-03-02T09:00'),
  ...over,
});
const fields = (reply: ReplyContent, c = ctx()) => checkReply(reply, c).map((p) => p.field);
const messages = (reply: ReplyContent, c = ctx()) => describeReplyProblems(checkReply(reply, c));

describe('a reply that meets the standard', () => {
  it('passes with findings, result, basis, issuer, handler and phone', () => {
    expect(checkReply(goodReply(), ctx())).toEqual([]);
  });
  it('passes with the citizen answered first when the order needs it', () => {
    const reply = goodReply({ citizenContact: citizenContact('2026-03-05T10:00:00+08:00') });
    expect(checkReply(reply, ctx({ needsCitizenReply: true }))).toEqual([]);
  });
});

describe('no one-sentence replies (杜绝出现一句话答复)', () => {
  it('「您反映的问题已转交相关部门处理。」 is refused, naming 办理情况, 处理结果 and 政策依据', () => {
    const reply = goodReply({
      findings: '您反映的问题已转交相关部门处理。',
      result: '您反映的问题已转交相关部门处理。',
      basis: '',
    });
    expect(fields(reply)).toEqual(expect.arrayContaining(['findings', 'result', 'basis']));
    const text = messages(reply);
    expect(text).toMatch(/^答复不符合规范回复要求/);
    for (const word of ['办理情况', '处理结果', '政策依据']) expect(text).toContain(word);
  });

  it('「已收悉。」 is refused the same way', () => {
    const reply = goodReply({ findings: '已收悉。', result: '已收悉。', basis: '' });
    const problems = checkReply(reply, ctx());
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['findings', 'result', 'basis']));
    expect(problems.find((p) => p.field === 'findings')?.message).toContain('办理情况');
    expect(problems.find((p) => p.field === 'result')?.message).toContain('处理结果');
    expect(problems.find((p) => p.field === 'basis')?.message).toContain('政策依据');
  });

  it('a result states what was done or decided; a finding alone is not a result', () => {
    for (const result of [
      '经核查,该商户证照齐全,经营合法。',
      '经检测,该小区室内温度为19℃,符合供暖标准。',
      '经协调,物业公司同意在本周内完成维修。',
      '该项目已列入2027年城区道路改造计划。',
      '水质检测结果正常,各项指标均达标。',
      '已督促物业公司于11月15日清掏化粪池,周边环境已清理干净。',
      '已督促施工单位尽快修复,路面已于12月3日恢复通行。',
      '已责令该商户于12月10日前拆除违规搭建的遮阳棚。',
    ]) {
      expect(fields(goodReply({ result })), result).toEqual([]);
    }
    for (const result of [
      '经现场核查,您举报的砖厂夜间违规生产情况属实。',
      '经查,积水可能是雨水管道堵塞导致。',
      // An urging with no result, date or deadline (phone review): nothing says what happened.
      '已督促广场舞队伍尽快整改。',
      '已要求物业公司及时维修。',
      '已协调相关部门尽快处理.',
    ]) {
      expect(fields(goodReply({ result })), result).toEqual(['result']);
    }
  });

  it('no whole resident ID number in a reply; its last four digits will do', () => {
    const findings = '经核查,来电人(身份证号62010219800101123X)反映的拖欠工资12600元情况属实。';
    expect(fields(goodReply({ findings }))).toEqual(['findings']);
    expect(messages(goodReply({ findings }))).toContain('身份证号码');
    expect(fields(goodReply({ findings: findings.replace('62010219800101123X', '尾号123X') }))).toEqual([]);
    // as typed from a form, in groups
    for (const grouped of [
      '620102 19800101 123X',
      '620-102-1980-0101-123x',
      '６２０１０２　１９８００１０１　１２３Ｘ',
    ]) {
      expect(
        fields(goodReply({ findings: findings.replace('62010219800101123X', grouped) })),
        grouped,
      ).toEqual(['findings']);
    }
    expect(
      fields(goodReply({ result: '已于11月10日将工资12600元转入来电人账户6217000010012345678。' })),
    ).toEqual([]);
  });

  it('a formula padded to length is still a formula', () => {
    // long enough, but says nothing about the matter
    const findings = '您好,您反映的问题我们已转交相关部门处理,请耐心等待。';
    expect(findings.length).toBeGreaterThanOrEqual(20);
    expect(fields(goodReply({ findings }))).toEqual(['findings']);
  });

  it('a long letter of officialese is refused however new its words; one with the facts in it passes', () => {
    const resolve =
      '接到工单后，我局党组高度重视，第一时间召开专题会议研究部署，成立了由局长任组长的工作专班，' +
      '进一步压实主体责任，健全长效机制，强化部门联动，持续深化作风建设，切实提升群众的获得感、幸福感、安全感，' +
      '以钉钉子精神抓好问题整改落实，努力让群众满意。';
    expect(fields(goodReply({ findings: resolve }))).toEqual(['findings']);
    const withFacts = resolve.replace(
      '以钉钉子精神',
      '3月5日工作专班到幸福家园小区查看，5号楼北侧雨水管堵塞、积水约30厘米深，由物业公司当天疏通，',
    );
    expect(fields(goodReply({ findings: withFacts }))).toEqual([]);
  });

  it('a result written plainly counts; an undated promise does not', () => {
    for (const result of [
      '塌了的那段渠壁村里用水泥砌好了，3月7号放水试了，水能流到地头。',
      '跟养殖户商量好了，4月底前把猪圈挪到村北，离住户200米以外。',
      '这几天卫生室医生外出培训，镇卫生院每天上午派医生来坐诊。',
    ]) {
      expect(fields(goodReply({ result })), result).toEqual([]);
    }
    for (const result of [
      '经查，小区绿地被占作停车场属实。下一步将依法依规处理。',
      '该收费点未经任何部门批准，系村民小组自行设置。',
    ]) {
      expect(fields(goodReply({ result })), result).toEqual(['result']);
    }
  });

  it('a result that is a formula is refused while real findings pass', () => {
    expect(fields(goodReply({ result: '正在处理中,请您耐心等待处理结果。' }))).toEqual(['result']);
    expect(fields(goodReply({ result: '已处理' }))).toEqual(['result']);
    expect(fields(goodReply({ result: '已转有关单位办理,请耐心等待。' }))).toEqual(['result']);
  });

  it('a real finding that merely starts like a formula passes', () => {
    const findings = '已经核实,东门3盏路灯损坏,属我局管护范围内的设施,已列入本周维修计划。';
    expect(fields(goodReply({ findings }))).toEqual([]);
  });

  it('a result that repeats the findings is refused', () => {
    const same = goodReply().findings;
    const problems = checkReply(goodReply({ result: same }), ctx());
    expect(problems.map((p) => p.field)).toEqual(['result']);
    expect(problems[0]?.message).toContain('不能与办理情况重复');
  });

  it('short findings are refused, and white space does not count towards the length', () => {
    expect(fields(goodReply({ findings: '路灯坏了,已修好。' }))).toEqual(['findings']);
    const padded = `路灯坏了 ${' '.repeat(30)} 已修好。`;
    expect(fields(goodReply({ findings: padded }))).toEqual(['findings']);
  });

  it('a basis of fewer than 4 characters is refused', () => {
    expect(fields(goodReply({ basis: '规定' }))).toEqual(['basis']);
    expect(fields(goodReply({ basis: '   ' }))).toEqual(['basis']);
    expect(fields(goodReply({ basis: '物业条例' }))).toEqual([]);
  });
});

describe('unreasonable demands (说服疏导)', () => {
  it('need the explanation given to the citizen', () => {
    const problems = checkReply(goodReply({ unreasonableDemand: true }), ctx());
    expect(problems.map((p) => p.field)).toEqual(['explanation']);
    expect(problems[0]?.message).toContain('说服疏导');
    expect(fields(goodReply({ unreasonableDemand: true, explanation: '已解释' }))).toEqual(['explanation']);
  });
  it('pass with an explanation of 10 characters or more', () => {
    const explanation = '已向群众讲明补偿标准系按省定标准执行,群众表示理解。';
    expect(checkReply(goodReply({ unreasonableDemand: true, explanation }), ctx())).toEqual([]);
  });
  it('an explanation is not needed for a reasonable demand', () => {
    expect(checkReply(goodReply({ unreasonableDemand: false, explanation: null }), ctx())).toEqual([]);
  });
});

describe('the reply names the issuer and the handler', () => {
  it('refuses a missing issuer or handler', () => {
    expect(fields(goodReply({ issuer: '' }))).toEqual(['issuer']);
    expect(fields(goodReply({ handlerName: '李' }))).toEqual(['handlerName']);
    expect(messages(goodReply({ issuer: ' ' }))).toContain('签发人');
    expect(messages(goodReply({ handlerName: '' }))).toContain('承办人');
  });

  it.each([
    '13912345678',
    '19800001111',
    '0972-8521050',
    '09728521050',
    '010-62345678',
    '8521050',
    '85210501',
    '139 1234 5678',
    // As people type them: grouped, with the country code, full-width, an extension, two numbers.
    '139-1234-5678',
    '+86 139 1234 5678',
    '+8613912345678',
    '１３９１２３４５６７８',
    '0972－8521050',
    '0972—8521050',
    '（0972）8521050',
    '0972-8521050转806',
    '0972-8521050-806',
    '13912345678（微信同号）',
    '8521050、13912345678',
    '电话：13912345678',
  ])('accepts the phone %s', (handlerPhone) => {
    expect(fields(goodReply({ handlerPhone }))).toEqual([]);
  });

  it.each([
    '',
    '12345678901',
    '1391234567',
    '139123456789',
    '0972-852105',
    '852105',
    'abcdefg',
    // What a form is filled with to get past it, and numbers that do not reach the handler.
    '12345678',
    '0000000',
    '12345',
    '95598',
  ])('refuses the phone %j', (handlerPhone) => {
    const problems = checkReply(goodReply({ handlerPhone }), ctx());
    expect(problems.map((p) => p.field)).toEqual(['handlerPhone']);
    expect(problems[0]?.message).toContain('电话');
  });
});

describe('answering the citizen first (需回复群众)', () => {
  const needs = ctx({ needsCitizenReply: true });

  it('without a citizen contact the reply is refused with field citizenContact', () => {
    const problems = checkReply(goodReply({ citizenContact: null }), needs);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('citizenContact');
    expect(problems[0]?.message).toContain('严禁未经反馈群众直接向热线办答复');
  });

  it('the contact is not required when the order does not need it', () => {
    expect(checkReply(goodReply({ citizenContact: null }), ctx({ needsCitizenReply: false }))).toEqual([]);
  });

  it('a contact time in the future is refused', () => {
    const reply = goodReply({ citizenContact: citizenContact('2026-03-05T16:00:01+08:00') });
    const problems = checkReply(reply, needs);
    expect(problems.map((p) => p.field)).toEqual(['citizenContact.contactedAt']);
    expect(problems[0]?.message).toContain('不能晚于现在');
  });

  it('a contact time before the dispatch is refused', () => {
    const reply = goodReply({ citizenContact: citizenContact('2026-03-02T08:59:59+08:00') });
    const problems = checkReply(reply, needs);
    expect(problems.map((p) => p.field)).toEqual(['citizenContact.contactedAt']);
    expect(problems[0]?.message).toContain('不能早于工单派发时间');
  });

  it('a contact in the minute of dispatch is accepted, as forms give the time to the minute', () => {
    const dispatched = ctx({ needsCitizenReply: true, dispatchedAt: new Date('2026-03-02T09:40:37+08:00') });
    const inThatMinute = goodReply({ citizenContact: citizenContact('2026-03-02T09:40:00+08:00') });
    expect(checkReply(inThatMinute, dispatched)).toEqual([]);
    const before = goodReply({ citizenContact: citizenContact('2026-03-02T09:39:59+08:00') });
    expect(checkReply(before, dispatched).map((p) => p.field)).toEqual(['citizenContact.contactedAt']);
  });

  it('the contact times at the edges are accepted', () => {
    for (const at of ['2026-03-02T09:00:00+08:00', '2026-03-05T16:00:00+08:00']) {
      expect(checkReply(goodReply({ citizenContact: citizenContact(at) }), needs)).toEqual([]);
    }
  });

  it('an unreadable contact time is refused', () => {
    const problems = checkReply(goodReply({ citizenContact: citizenContact('上周三') }), needs);
    expect(problems.map((p) => p.field)).toEqual(['citizenContact.contactedAt']);
    expect(problems[0]?.message).toContain('格式不正确');
  });

  it('who answered and what the citizen said are required', () => {
    const reply = goodReply({
      citizenContact: citizenContact('2026-03-05T10:00:00+08:00', {
        contactedBy: '李',
        citizenResponse: ' ',
      }),
    });
    expect(fields(reply, needs)).toEqual(['citizenContact.contactedBy', 'citizenContact.citizenResponse']);
  });

  it('without a dispatch time only the future is checked', () => {
    const reply = goodReply({ citizenContact: citizenContact('2020-01-01T00:00:00+08:00') });
    expect(checkReply(reply, ctx({ needsCitizenReply: true, dispatchedAt: null }))).toEqual([]);
  });
});

describe('describeReplyProblems', () => {
  it('joins every problem into one Chinese sentence', () => {
    const text = describeReplyProblems([
      { field: 'a', code: 'A', message: '缺少甲' },
      { field: 'b', code: 'B', message: '缺少乙' },
    ]);
    expect(text).toBe('答复不符合规范回复要求：缺少甲；缺少乙。');
  });
});

describe('the substance of a part, on real text', () => {
  it('splits on full-width and ASCII punctuation and line breaks alike, keeping 2.4 and 8:00 whole', () => {
    expect(splitReplyClauses('经核实，该企业拖欠工资2.4万元；已于8:00结清!\n特此回复。')).toEqual([
      '经核实',
      '该企业拖欠工资2.4万元',
      '已于8:00结清',
      '特此回复',
    ]);
    expect(splitReplyClauses('一、经查，属实\n（2）已整改')).toEqual(['经查', '属实', '已整改']);
  });

  it('a transfer to any body in any wording says nothing; what the body then did does', () => {
    for (const text of ['已移交属地镇政府核查。', '已转交县人社局劳动监察大队处理', '已交由有关单位研究。']) {
      expect(judgeReplySubstance(text).substantive, text).toBe(false);
    }
    const mixed = judgeReplySubstance('已转交属地乡政府处理。乡政府已于11月20日清运垃圾3车。');
    expect(mixed.substantive).toBe(true);
    expect(mixed.clauses.map((c) => c.kind)).toEqual(['formula', 'substance']);
  });

  it('greetings, thanks and referrals are recognised as such', () => {
    expect(judgeClause('您好').kind).toBe('courtesy');
    expect(judgeClause('感谢您对城市建设的关心和支持').kind).toBe('courtesy');
    expect(judgeClause('建议您拨打12315热线咨询').kind).toBe('referral');
    expect(judgeClause('请向消费者协会反映').kind).toBe('referral');
  });
});

describe('事实清楚: findings that say the cause or party was found must say what and who', () => {
  const codes = (reply: ReplyContent) => checkReply(reply, ctx()).map((p) => p.code);
  const template =
    '接到工单后,我单位于12月5日派工作人员到河湾县河湾镇滨河路幸福家园小区5号楼2单元402室实地核查,并与来电人电话联系。' +
    '经核查,来电人反映的"幸福家园暖气又不热了"情况属实,属冬季采暖事项,已查明原因和责任方。';

  it('the seeded template, whatever the matter, is refused with FINDINGS_CAUSE_UNNAMED', () => {
    for (const title of [
      '幸福家园暖气又不热了',
      '桥头工业园厂房项目拖欠农民工工资',
      '举报人民路一面馆后厨卫生差',
    ]) {
      const findings = template.replace('幸福家园暖气又不热了', title);
      expect(codes(goodReply({ findings })), title).toEqual(['FINDINGS_CAUSE_UNNAMED']);
    }
    const problem = checkReply(goodReply({ findings: template }), ctx())[0];
    expect(problem?.field).toBe('findings');
    expect(problem?.message).toContain('原因');
    expect(problem?.message).toContain('责任');
  });

  it('other wordings of the claim, full-width or ASCII, are refused the same way', () => {
    for (const findings of [
      '接到工单后，镇村两级干部立即赶赴现场，经调查核实，责任方已明确，相关问题已核实。',
      '经县供热公司技术人员11月20日入户检查，暖气不热的原因已查清，责任人已确定。',
      '11月3日,我局会同柳林镇政府对上柳村五社土地流转租金兑付情况进行了调查,查明了租金未兑付的原因,明确了责任。',
      '工作人员于12月2日到学校核实，已掌握相关情况，找到了问题所在。',
      '11月20日，我局执法人员到幸福家园小区5号楼实地核查，已查明原因和责任方，并已督促整改。',
      '经核实，来电人反映情况属实，已查明原因，原因是多方面的。',
    ]) {
      expect(codes(goodReply({ findings })), findings).toEqual(['FINDINGS_CAUSE_UNNAMED']);
    }
  });

  it('findings that name the cause or the party pass, however they word it', () => {
    for (const findings of [
      '经我公司技术人员12月3日入户检查，已查明原因：5号楼2单元供暖立管阀门损坏，导致402室暖气不热。',
      '经核查,暖气不热的原因已查明,系小区换热站循环泵故障所致,责任方为幸福家园物业公司。',
      '经县人社局劳动监察大队调查，已查明拖欠工资的责任方为承建该项目的河湾县兴达建筑劳务有限公司。',
      '经查，相关问题已核实，租金未兑付是因为流转方河湾绿源农业合作社资金链断裂。',
      '经现场核查,已查明原因,由于施工单位夜间开挖时挖断DN150供水管道,造成金水湾小区停水。',
      '经调查，该村低保评定不公问题已核实：2户家庭有经商收入未如实申报。',
      '经技术人员入户检测，已查明原因，楼内暖气管道积气，循环不畅。',
      '经核实，已明确责任，该路段由县公路段负责养护。',
      // no claim at all: the rule is about claims, not a demand for a cause in every reply
      goodReply().findings,
    ]) {
      expect(codes(goodReply({ findings })), findings).toEqual([]);
    }
  });

  it('a vague cause or party is no cause or party', () => {
    for (const findings of [
      '11月20日，我局执法人员到幸福家园小区5号楼实地核查，已查明原因和责任方，责任方为相关单位。',
      '经核查,幸福家园5号楼暖气不热情况属实,已查明原因,系客观原因造成。',
    ]) {
      expect(codes(goodReply({ findings })), findings).toContain('FINDINGS_CAUSE_UNNAMED');
    }
  });
});

describe('有据可依: the hotline’s own working rules are no basis for the decision', () => {
  const codes = (basis: string) => checkReply(goodReply({ basis }), ctx()).map((p) => p.code);

  it('the hotline’s rules, with or without 相关法律法规, are refused with BASIS_ONLY_HOTLINE_RULES', () => {
    for (const basis of [
      '依据《河湾县12345市民服务热线承办工作管理办法》及相关法律法规规定办理。',
      '《河湾县12345市民服务热线承办工作管理办法》第八条',
      '依据河湾县12345热线承办工作管理办法,按有关规定办理',
      '根据《河湾县人民政府办公室关于做好市民服务热线承办工作有关事项的通知》（河政办〔2018〕45号）和相关政策',
    ]) {
      expect(codes(basis), basis).toEqual(['BASIS_ONLY_HOTLINE_RULES']);
    }
    const problem = checkReply(goodReply({ basis: '依据《县12345热线管理办法》' }), ctx())[0];
    expect(problem?.field).toBe('basis');
    expect(problem?.message).toContain('政策依据');
  });

  it('相关法律法规 alone stays the generic problem', () => {
    expect(codes('相关法律法规')).toEqual(['BASIS_MISSING']);
  });

  it('a law on the matter passes, even beside the hotline’s rules', () => {
    for (const basis of [
      '依据《中华人民共和国劳动合同法》第三十条及《河湾县12345市民服务热线承办工作管理办法》',
      '《食品安全法》第三十三条',
      '依据12345热线工作要求和物业管理条例',
      '根据《河湾县城镇供热管理办法》，参照《青海省12345政务服务便民热线管理实施细则》',
    ]) {
      expect(codes(basis), basis).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  CONFIDENTIAL_TEXT,
  contactAccess,
  maskAddress,
  maskForPublic,
  maskPhone,
  presentIdentity,
  revealReasonProblem,
} from '../../src/domain/citizen-privacy.js';
import type { OrderSubject } from '../../src/domain/policy.js';
import type { Actor, Role } from '../../src/domain/roles.js';

const actor = (role: Role, unitId = 1): Actor =>
  ({ userId: 1, name: 'x', unitId, roles: [role] }) as unknown as Actor;
const order = (over: Partial<OrderSubject> = {}): OrderSubject => ({
  kind: 'order',
  channel: 'phone',
  activeUnitIds: [7],
  ...over,
});

describe('a phone with its middle hidden', () => {
  it('a mobile keeps its first 3 and last 4 digits, however it was typed', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 138 1234 1234 ')).toBe('138****1234');
    expect(maskPhone('138-1234-1234')).toBe('138****1234');
    expect(maskPhone('+86 13812341234')).toBe('+86 138****1234');
    expect(maskPhone('8613812341234')).toBe('86 138****1234');
  });

  it('full-width digits (１３８…) are masked like ASCII ones', () => {
    expect(maskPhone('１３８１２３４１２３４')).toBe('138****1234');
    expect(maskPhone('０９３１－８１２３４５６')).toBe('0931-***3456');
  });

  it('a landline keeps its area code (3 digits for 010 and 02x, else 4) and last 4 digits', () => {
    expect(maskPhone('0931-8123456')).toBe('0931-***3456');
    expect(maskPhone('(0931)81234567')).toBe('0931-****4567');
    expect(maskPhone('010-12345678')).toBe('010-****5678');
    expect(maskPhone('02112345678')).toBe('021-****5678');
  });

  it('short and other numbers never show more than half their digits, at most the last 4', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('110')).toBe('**0');
    expect(maskPhone('8123456')).toBe('****456');
    expect(maskPhone('0931-8123456-802')).toBe('**********6802');
  });

  it('empty stays empty; text without a digit is hidden whole', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone('   ')).toBe('');
    expect(maskPhone('不愿留电话')).toBe('****');
  });

  it('never shows the whole number', () => {
    for (const p of ['13812341234', '0931-8123456', '12345', '9', '1234567890123456']) {
      expect(maskPhone(p)).not.toContain(p.replace(/\D/g, ''));
    }
  });
});

describe('an address cut to where the matter is, without the house', () => {
  it('keeps county, township, village or community, and road; cuts numbers, buildings, compounds, 社', () => {
    expect(maskAddress('河湾县河湾镇滨河路幸福家园小区5号楼2单元402室')).toBe('河湾县河湾镇滨河路***');
    expect(maskAddress('河湾县河湾镇东关社区解放街17号院')).toBe('河湾县河湾镇东关社区解放街***');
    expect(maskAddress('河湾县柳林镇上柳村三社')).toBe('河湾县柳林镇上柳村***');
    expect(maskAddress('河湾县河湾镇滨河苑小区6号楼')).toBe('河湾县河湾镇***');
    expect(maskAddress('桥头镇幸福路 8 号幸福小区 3 栋')).toBe('桥头镇幸福路***');
    expect(maskAddress('甘肃省兰州市城关区东岗街道东岗西路１２３号')).toBe(
      '甘肃省兰州市城关区东岗街道东岗西路***',
    );
  });

  it('an address that is only a place is kept; one with no place is hidden; empty stays empty', () => {
    expect(maskAddress('河湾县石门镇下庄村')).toBe('河湾县石门镇下庄村');
    expect(maskAddress('幸福小区3栋')).toBe('***');
    expect(maskAddress('')).toBe('');
  });
});

describe('who sees what of the caller', () => {
  it('the office in full, everyone else masked', () => {
    expect(contactAccess(actor('dispatcher'), order(), false)).toBe('full');
    expect(contactAccess(actor('reviewer'), order(), false)).toBe('full');
    expect(contactAccess(actor('unit_liaison', 7), order(), false)).toBe('masked');
    expect(contactAccess(actor('supervisor'), order(), false)).toBe('masked');
    expect(contactAccess(actor('county_leader'), order(), false)).toBe('masked');
  });

  it('a 保密 order: nothing for anyone but the office', () => {
    expect(contactAccess(actor('dispatcher'), order(), true)).toBe('full');
    expect(contactAccess(actor('unit_liaison', 7), order(), true)).toBe('hidden');
    expect(contactAccess(actor('supervisor'), order(), true)).toBe('hidden');
    const who = { name: '张先生', phone: '13812341234', address: '河湾县河湾镇滨河路12号' };
    expect(presentIdentity('hidden', who)).toEqual({
      name: CONFIDENTIAL_TEXT,
      phone: CONFIDENTIAL_TEXT,
      address: CONFIDENTIAL_TEXT,
    });
    expect(presentIdentity('masked', who)).toEqual({
      name: '张先生',
      phone: '138****1234',
      address: '河湾县河湾镇滨河路***',
    });
  });

  it('a reveal needs a reason of 4 characters or more; punctuation and spaces do not count', () => {
    expect(revealReasonProblem('')).toMatch(/理由/);
    expect(revealReasonProblem('。。。。,,,,')).toMatch(/至少 4 个字/);
    expect(revealReasonProblem('核实 。')).not.toBeNull();
    expect(revealReasonProblem('电话核实')).toBeNull();
    expect(revealReasonProblem('call back')).toBeNull();
  });
});

describe('a citizen’s words for a public page', () => {
  it('masks phones and ID numbers however typed, and the caller’s name', () => {
    const text =
      '我叫陈小明，电话13700001234，座机０９３１－８１２３４５６，身份证号62010219800101123X。陈小明家门口路灯不亮。';
    const masked = maskForPublic(text, ['陈小明']);
    expect(masked).toBe(
      '我叫陈**，电话137****1234，座机0931-***3456，身份证号*************1123。陈**家门口路灯不亮。',
    );
  });

  it('masks a local number only where a word says it is one; never digits joined to letters, amounts or codes', () => {
    expect(maskForPublic('联系电话：8123456，白天打', [])).toBe('联系电话：****456，白天打');
    const kept = [
      '关于工单HY202612060001的补充，市平台编号SZ2026112300088。',
      '拖欠工资1234567元，合同编号2026110588。',
      '手机签收0413638',
      '批次x0413638y',
    ];
    for (const text of kept) expect(maskForPublic(text, []), text).toBe(text);
  });

  it('leaves dates, house numbers and short figures alone', () => {
    const text = '2026年11月3日起，5号楼2单元的暖气不热，室温12℃，已反映3次。';
    expect(maskForPublic(text, [])).toBe(text);
  });
});

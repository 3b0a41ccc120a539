import { addDays } from './time.js';

/**
 * The periodic bulletin (通报, notice section 三): the figures of a period per unit, and the
 * draft text the office then edits. Pure: the figures come in, the text goes out.
 */
export interface UnitFigures {
  unitId: number;
  unitName: string;
  received: number;
  overdue: number;
  /** Orders of the unit past their deadline and still in its hands when the figures were taken (截至起草时超期未办结). */
  stillOverdue: number;
  /** Sign-for deadlines the unit missed in the period (超时未签收), as the unit figures count them. */
  signLate: number;
  /** Co-unit deadlines the unit let pass without an opinion (协办超时), as the unit figures count them. */
  coSilent: number;
  redone: number;
  poorReplies: number;
  repeatedComplaints: number;
  /** Named in a city bulletin (被市政府通报) and accountability measures taken, as domain/city-bulletin.ts counts them. */
  cityBulletins: number;
  accountabilities: number;
}

export interface BulletinFigures {
  from: string;
  to: string;
  received: number;
  closed: number;
  overdue: number;
  redone: number;
  /** 分发超时: the office's own late dispatches in the period (domain/office-clock.ts). */
  dispatchLate: number;
  /** 审批超时: the office's own late decisions on the units' requests in the period (domain/office-decision.ts). */
  decisionLate: number;
  units: UnitFigures[];
}

const cnDate = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function bulletinTitle(f: BulletinFigures): string {
  return `关于${cnDate(f.from)}至${cnDate(f.to)}全县12345市民服务热线工单办理情况的通报`;
}

/**
 * Units named for criticism: any overdue order (new in the period, or still open past its
 * deadline), missed sign-for deadline, co-unit silence, poor reply, redo, repeated complaint or
 * city bulletin.
 */
export function criticised(f: BulletinFigures): UnitFigures[] {
  const faults = (u: UnitFigures) =>
    u.overdue +
    u.stillOverdue +
    u.signLate +
    u.coSilent +
    u.poorReplies +
    u.redone +
    u.repeatedComplaints +
    u.cityBulletins;
  return f.units
    .filter((u) => faults(u) > 0)
    .sort(
      (a, b) =>
        b.overdue + b.stillOverdue - (a.overdue + a.stillOverdue) ||
        b.poorReplies - a.poorReplies ||
        b.redone - a.redone,
    );
}

function cityNamed(named: UnitFigures[]): string {
  const units = named.filter((u) => u.cityBulletins > 0);
  if (units.length === 0) return '本期无被市政府通报的单位。';
  const one = (u: UnitFigures) =>
    `${u.unitName}${u.cityBulletins}次${u.accountabilities > 0 ? `（已追究责任${u.accountabilities}项）` : ''}`;
  return `${units.map(one).join('、')}。`;
}

export function draftBulletin(f: BulletinFigures, issuedOn: string): string {
  const named = criticised(f);
  const list = (pick: (u: UnitFigures) => number, what: string) => {
    const units = named.filter((u) => pick(u) > 0);
    return units.length === 0
      ? `本期无${what}。`
      : `${units.map((u) => `${u.unitName}${pick(u)}件`).join('、')}。`;
  };
  const lines = [
    '各乡镇人民政府，县政府各部门、各直属机构：',
    `    现将${cnDate(f.from)}至${cnDate(f.to)}全县12345市民服务热线工单办理情况通报如下：`,
    '    一、总体情况',
    `    本期共受理群众诉求工单${f.received}件，办结${f.closed}件；超期${f.overdue}件，退回重办${f.redone}件；县热线办分发超时${f.dispatchLate}件，审批超时${f.decisionLate}件。`,
    '    二、存在的问题',
    `    （一）工单超期。本期新超期的：${list((u) => u.overdue, '新超期工单')}截至${cnDate(issuedOn)}仍超期未办结的：${list((u) => u.stillOverdue, '超期未办结工单')}`,
    `    （二）超时未签收。${list((u) => u.signLate, '超时未签收工单')}`,
    `    （三）答复质量不高。因办理结果不明确、质量不高或应办未办被退回重办的：${list((u) => u.poorReplies, '此类情况')}`,
    `    （四）退回重办。${list((u) => u.redone, '退回重办工单')}`,
    `    （五）群众重复投诉。${list((u) => u.repeatedComplaints, '重复投诉')}`,
    `    （六）被市政府通报。${cityNamed(named)}`,
    `    （七）协办不力。协办单位到期未提出协办意见的：${list((u) => u.coSilent, '此类情况')}`,
    named.length > 0
      ? `    对以上${named.length}个单位予以通报批评。`
      : '    本期各承办单位均按时规范办理，无通报批评单位。',
    '    三、有关要求',
    '    各承办单位要严格落实限时办结、规范回复制度，主要负责同志要亲自过问超期和重办工单，分管负责同志要抓实抓好日常办理，严格执行热线工作岗位AB角制度，确保办理工单不超期、办理事项不反复，做到“事事有回音、件件有答复”。',
    '',
    '县市民服务热线办公室',
    cnDate(issuedOn),
  ];
  return officialPunctuation(lines.join('\n'));
}

/**
 * An official document (公文) is punctuated full-width: 「各乡镇人民政府，县政府各部门：」, not
 * 「,」 and 「:」; quotation marks in pairs, 「“事事有回音、件件有答复”」. Unit names typed with
 * ASCII brackets are written the same way.
 */
export function officialPunctuation(text: string): string {
  let open = true;
  return text
    .replace(/,/g, '，')
    .replace(/:/g, '：')
    .replace(/;/g, '；')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/"/g, () => {
      const mark = open ? '“' : '”';
      open = !open;
      return mark;
    });
}

/**
 * Why a draft may not be published yet, or null (dates YYYY-MM-DD). A bulletin states a period's
 * figures as final and names units for criticism on them: published before the period is over,
 * or from figures taken before it was, it would judge on numbers still moving (an order going
 * overdue on the period's last day would be missing). A period may still be drafted early, to see
 * how it stands.
 */
export function bulletinPublishProblem(
  b: { periodTo: string; draftedOn: string },
  today: string,
): string | null {
  if (today <= b.periodTo)
    return `统计期到${cnDate(b.periodTo)}才结束，${cnDate(addDays(b.periodTo, 1))}起才能发布。`;
  if (b.draftedOn <= b.periodTo)
    return `本稿的数字取于${cnDate(b.draftedOn)}，当时统计期还没有结束，数字不全。请按同一统计期重新起草后发布。`;
  return null;
}

/** A bulletin covers a month, a quarter or a year: at most this many days. */
export const BULLETIN_PERIOD_MAX_DAYS = 366;

/**
 * Why a bulletin cannot be drafted for the period (dates YYYY-MM-DD), or null. A period may run
 * past today (a month in progress, drafted early), not past next year, and not further back than
 * 2000: a mistyped year (2999, 1900) would otherwise be drafted and numbered.
 */
export function bulletinPeriodProblem(from: string, to: string, today: string): string | null {
  if (to < from) return '统计期的结束日期不能早于开始日期。';
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > BULLETIN_PERIOD_MAX_DAYS)
    return `统计期最长一年（${BULLETIN_PERIOD_MAX_DAYS} 天），请分期起草。`;
  const nextYear = Number(today.slice(0, 4)) + 1;
  if (from < '2000-01-01' || Number(to.slice(0, 4)) > nextYear)
    return '统计期的年份不对，请检查开始和结束日期。';
  return null;
}

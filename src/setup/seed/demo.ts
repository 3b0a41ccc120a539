import { CategoryRepository } from '../../db/repositories/category.repository.js';
import { parseRoles, UserRepository } from '../../db/repositories/user.repository.js';
import type { Actor } from '../../domain/roles.js';
import { DAY_MS, HOUR_MS, shanghaiDate } from '../../domain/time.js';
import type { Action } from '../../domain/workflow/index.js';
import { actionBody } from '../../modules/work-orders/action-commands.js';
import { WorkOrderService } from '../../modules/work-orders/work-order.service.js';
import { ManualClock } from '../../server/clock.js';
import type { AppContext } from '../../server/context.js';
import {
  DEMO_ORDERS,
  DEMO_PASSWORD,
  DEMO_REPLIES,
  DEMO_UNITS,
  DEMO_USERS,
  type DemoOrder,
} from './demo-county.js';
import { seedKnowledge } from './knowledge.js';
import { seedOrganization } from './organization.js';

/** Demo logins printed at start-up, one for each role. */
export const DEMO_LOGINS = [
  ['dispatcher', '派单员'],
  ['reviewer', '审核员'],
  ['housing-a', '县住建局联络员（A 角）'],
  ['housing-b', '县住建局联络员（B 角）'],
  ['housing-leader', '县住建局分管领导'],
  ['town-qiaotou-a', '桥头镇联络员（A 角）'],
  ['supervisor', '督查室'],
  ['leader', '县政府领导'],
  ['admin', '系统管理员'],
  ['secadmin', '安全管理员'],
  ['auditor', '审计管理员'],
] as const;

export { DEMO_PASSWORD };

/**
 * A county at work: the demo organization, and its orders driven through the real workflow
 * (so every history is one the rules allow) over the past two weeks, ending in every state.
 */
export async function seedDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  const realNow = ctx.clock.now();
  const unitIds = await seedOrganization(db, DEMO_UNITS, DEMO_USERS, DEMO_PASSWORD, realNow);
  // The demo county signs in with a password alone (its accounts are shared by everyone trying the
  // demo); a real county keeps the default, two-step verification for the office and administrators.
  await ctx.settings.setSecurity({ ...(await ctx.settings.security()), totpRequired: false });

  await provisionYearsTheDemoReaches(ctx, realNow);

  const users = await new UserRepository(db).all();
  const actor = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return { userId: u.id, unitId: u.unit_id, roles: parseRoles(u.roles), name: u.name };
  };
  const categories = await new CategoryRepository(db).list(true);
  const categoryId = (c: DemoOrder['category']) =>
    categories.find((x) => x.level1 === c[0] && x.level2 === c[1] && x.level3 === c[2])?.id ?? null;

  // Orders arrive over the past 14 days; each is taken as far as its index says, at realistic pace.
  const clock = new ManualClock(realNow);
  const service = new WorkOrderService({ ...ctx, clock });
  const dispatcher = actor('dispatcher');
  const reviewer = actor('reviewer');
  await seedKnowledge(db, unitIds, dispatcher, shanghaiDate(realNow), realNow);
  const stages = [
    'closed',
    'handling',
    'pending_review',
    'pending_sign',
    'pending_callback',
    'closed',
    'redo',
    'return',
    'extension',
    'pending_dispatch',
  ];

  for (const [i, o] of DEMO_ORDERS.entries()) {
    const start = realNow.getTime() - (14 * 24 - i * 7) * HOUR_MS;
    clock.set(new Date(start));
    const stage = stages[i % stages.length] as string;
    const { id } = await service.register(
      {
        channel: o.channel,
        cityOrderNo: o.cityOrderNo ?? null,
        citizenName: o.citizenName,
        citizenPhone: o.citizenPhone,
        citizenAddress: o.citizenAddress,
        townshipUnitId: o.townshipCode ? (unitIds.get(o.townshipCode) ?? null) : null,
        categoryId: categoryId(o.category),
        type: o.type,
        title: o.title,
        content: o.content,
        urgency: o.urgency,
        leaderInstruction: o.leaderInstruction ?? null,
        needsCitizenReply: o.needsCitizenReply,
        cityDeadline: null,
        confidential: false,
      },
      dispatcher,
      null,
    );
    if (stage === 'pending_dispatch') continue;
    let version = 1;
    const step = async <A extends Action>(a: Actor, action: A, body: object, hours = 2) => {
      const due = new Date(clock.now().getTime() + hours * HOUR_MS);
      // The hotline office dispatches around the clock, as 12345 answers; the units keep office hours.
      clock.set(action === 'dispatch' ? due : inOfficeHours(due));
      if (clock.now().getTime() > realNow.getTime()) return false;
      // Parsed as the API would: a demo step that drifts from its action's body fails here.
      await service.perform(id, action, actionBody(action, { version, ...body }), a, null);
      version++;
      return true;
    };
    // A return: the order first went to a unit that is not responsible, which returns it.
    const misdispatch = stage === 'return' ? o.misdispatch : undefined;
    if (stage === 'return' && !misdispatch)
      throw new Error(`demo order ${o.key}: a return needs its misdispatch`);
    const lead = misdispatch?.unitCode ?? o.suggestedLeadUnitCode;
    const liaison = actor(`${lead}-a`);
    const ok = await step(
      dispatcher,
      'dispatch',
      {
        leadUnitId: unitIds.get(lead),
        coUnitIds: misdispatch ? [] : (o.suggestedCoUnitCodes ?? []).map((c) => unitIds.get(c)),
        leaderDeadline:
          o.urgency === 'leader' ? new Date(clock.now().getTime() + 72 * HOUR_MS).toISOString() : null,
      },
      1,
    );
    if (!ok || stage === 'pending_sign') continue;
    if (misdispatch) {
      const { reason, suggestedUnit } = misdispatch;
      await step(liaison, 'requestReturn', { reason, suggestedUnit }, 3);
      continue;
    }
    if (!(await step(liaison, 'sign', {}, 3))) continue;
    for (const co of o.suggestedCoUnitCodes ?? []) {
      await step(actor(`${co}-a`), 'coSign', {}, 1);
      await step(actor(`${co}-a`), 'coOpinion', { content: o.coOpinions?.[co] }, 4);
    }
    if (stage === 'handling') continue;
    if (stage === 'extension') {
      // An extension request needs the signed scan; the demo leaves it at the progress report.
      await step(
        liaison,
        'reportProgress',
        { content: '已联系相关村组和施工方，正在协调解决方案，预计下周完成。' },
        20,
      );
      continue;
    }
    const unitDef = DEMO_UNITS.find((u) => u.code === lead);
    // A unit on the typed issuer attaches the signed paper; the demo has no scan to attach.
    if (unitDef?.signOffMode === 'typed') continue;
    if (o.urgency !== 'normal') {
      // 阅批: the main leader reads leader-instructed and urgent orders before the reply.
      await step(actor(`${lead}-chief`), 'leaderRead', { instruction: '请分管领导牵头，今天到现场。' }, 1);
    }
    const reply = demoReply(o, liaison.name, clock.now());
    const drafted = {
      reply: {
        ...reply,
        issuer: '',
        citizenContact: o.needsCitizenReply
          ? {
              ...reply.citizenContact,
              contactedAt: inOfficeHours(new Date(clock.now().getTime() + 20 * HOUR_MS)).toISOString(),
            }
          : null,
      },
    };
    // 签发: the liaison drafts, the leader in charge signs it off in Huiyin.
    if (!(await step(liaison, 'submitForSignOff', drafted, 24))) continue;
    if (stage === 'pending_review' && i % 20 === 2) continue; // one waits for its leader (待签发)
    if (!(await step(actor(`${lead}-leader`), 'signOff', {}, 2))) continue;
    if (stage === 'pending_review') continue;
    if (!(await step(reviewer, 'acceptReview', {}, 4))) continue;
    if (stage === 'pending_callback') continue;
    const unhappy = stage === 'redo';
    await step(
      reviewer,
      'callback',
      {
        result: unhappy ? 'unsatisfied' : 'satisfied',
        note: unhappy ? '群众表示问题没有解决，要求重新处理' : '群众表示满意',
      },
      6,
    );
    if (unhappy) {
      await step(
        reviewer,
        'orderRedo',
        { reasons: ['citizen_unsatisfied'], opinion: '群众反映问题仍未解决，请重新核实处理并答复群众。' },
        1,
      );
      continue;
    }
    await step(reviewer, 'close', {}, 1);
  }
}

/**
 * The demo's orders span the past two weeks and, in the last weeks of a year, get deadlines in the
 * next; a year no package publishes (2027 was not, in December 2026) would stop it from starting. As
 * the county's administrator does then, the demo generates each such year's provisional arrangement
 * (statutory days only, marked 暂定; the pages ask for the official one), so a demo started on
 * 28 December, or on a fresh machine in January, still runs.
 */
async function provisionYearsTheDemoReaches(ctx: AppContext, now: Date): Promise<void> {
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  const firstOrderYear = Number(shanghaiDate(new Date(now.getTime() - DEMO_SPAN_DAYS * DAY_MS)).slice(0, 4));
  const reached = [firstOrderYear, thisYear, ...(today.slice(5) >= YEAR_END_FROM ? [thisYear + 1] : [])];
  await ctx.calendar.provisionMissing(reached);
}
/** From this day (MM-DD) the demo's deadlines may reach into the next year. */
const YEAR_END_FROM = '12-15';
/** How far back the demo's first orders arrive (with a day to spare). */
const DEMO_SPAN_DAYS = 15;

/**
 * The units work office hours (Beijing 08:30–17:30): a step the demo would take at night waits for
 * the next morning, so no unit signs at 05:00 or calls a citizen at 01:00. The citizen's call
 * reaches the hotline at any hour, and the office's duty staff dispatch it then (12345 answers day
 * and night).
 */
function inOfficeHours(at: Date): Date {
  const MINUTE_MS = 60_000;
  const beijing = new Date(at.getTime() + 8 * HOUR_MS);
  const minute = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
  const opens = 8 * 60 + 30;
  const closes = 17 * 60 + 30;
  if (minute >= opens && minute < closes) return at;
  // The next opening: never later than a step due after it, so the steps keep their order.
  const toOpening = (minute < opens ? opens - minute : 24 * 60 - minute + opens) * MINUTE_MS;
  return new Date(Math.floor((at.getTime() + toOpening) / MINUTE_MS) * MINUTE_MS);
}

/**
 * A reply that meets the standard (事实清楚、结果明确、有据可依): what was found, with the cause and
 * who is responsible, what was done and when, and the law or policy it rests on — by the order's
 * category (demo-county/replies.json). The demo shows units how a reply reads, so it is neither
 * the empty 「已责成限期整改、确保问题得到解决」 nor 「已查明原因和责任方」 that names neither.
 */
function demoReply(o: DemoOrder, handler: string, now: Date) {
  const [, month, date] = shanghaiDate(now).split('-').map(Number);
  const day = `${month}月${date}日`;
  const facts = DEMO_REPLIES.find((r) => r.category === o.category[2]);
  if (!facts) throw new Error(`demo-county/replies.json: no reply for the category ${o.category[2]}`);
  const place = /未留/.test(o.citizenAddress) || !o.citizenAddress ? '现场' : o.citizenAddress;
  const visit =
    o.type === 'consult'
      ? '与来电人电话联系，了解其具体情况'
      : `派工作人员到${place}实地核查，并与来电人电话联系`;
  return {
    findings: `接到工单后，我单位于${day}${visit}。经核查，${facts.found}。`,
    result: `${facts.done.replaceAll('{day}', day)}。`,
    basis: facts.basis,
    unreasonableDemand: false,
    explanation: null,
    issuer: '',
    handlerName: handler,
    handlerPhone: '0972-8521234',
    citizenContact: {
      contactedAt: now.toISOString(),
      method: 'phone' as const,
      contactedBy: handler,
      citizenResponse: '群众表示认可处理结果',
    },
  };
}

import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { AttachmentRepository } from '../../db/repositories/attachment.repository.js';
import { CategoryRepository } from '../../db/repositories/category.repository.js';
import { KnowledgeRepository } from '../../db/repositories/knowledge.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { UserRepository } from '../../db/repositories/user.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { KnownUnit } from '../../db/repositories/work-order.whole.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { checkProof, type ProofRequirement, proofAlreadyUsed } from '../../domain/attachment-purpose.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { parseSynonyms } from '../../domain/search-match.js';
import type { Action, CategoryChoice, CategoryNamed, CommandOf } from '../../domain/workflow/index.js';
import { citationOf } from '../knowledge/knowledge.service.js';
import { requireHandlingUnits } from './order-units.js';
import { ACTION_BODIES } from './work-order.schemas.js';

/** The API body of an action, as its schema (work-order.schemas.ts) parses it. */
export type ActionBody<A extends Action> = z.infer<(typeof ACTION_BODIES)[A]>;

/**
 * The same schemas, typed per action: indexed by a generic action, one of these parses to that
 * action's body (indexing ACTION_BODIES itself gives the union of all of them).
 */
const BODY_SCHEMAS: { readonly [A in Action]: z.ZodType<ActionBody<A>> } = ACTION_BODIES;

/**
 * The body of `action` as its type. The route's schema has validated it already (and answered a
 * bad one with 400); Fastify's types cannot carry which action that was into a generic handler,
 * so the value is checked again here, where TypeScript can follow it (a few microseconds).
 */
export function actionBody<A extends Action>(action: A, validated: unknown): ActionBody<A> {
  return BODY_SCHEMAS[action].parse(validated);
}

/** What turning a body into a command may look up, inside the action's transaction. */
export interface CommandInputs {
  trx: Transaction<Database>;
  row: WorkOrderRow;
  actor: Actor;
  now: Date;
  /** The units the command names, as looked up: the answer is built with their names. */
  known: Map<number, KnownUnit>;
  /** The request categories the command names, as looked up (the answer shows the order's). */
  categories: Map<number, CategoryNamed>;
}

type CommandBuilder<A extends Action> = (body: ActionBody<A>, inputs: CommandInputs) => Promise<CommandOf<A>>;

/**
 * Each action's body turned into the workflow's command, resolving what only the database knows
 * (units, files, orders named by code, knowledge cited). One entry per action, so the compiler
 * catches a body and a command that drift apart.
 */
/** A unit's name and synonyms (a return may not suggest the returning unit itself). */
async function namesOfUnit(trx: Transaction<Database>, unitId: number): Promise<string[]> {
  const unit = await new UnitRepository(trx).find(unitId);
  return unit ? [unit.name, ...parseSynonyms(unit.synonyms)] : [];
}

const BUILDERS: { [A in Action]: CommandBuilder<A> } = {
  dispatch: async (d, { trx, known, categories }) => {
    await requireHandlingUnits(
      new WorkOrderRepository(trx),
      [{ id: d.leadUnitId, what: '牵头单位' }, ...d.coUnitIds.map((id) => ({ id, what: '协办单位' }))],
      known,
    );
    return {
      action: 'dispatch',
      leadUnitId: d.leadUnitId,
      coUnitIds: d.coUnitIds,
      urgency: d.urgency,
      leaderDeadline: d.leaderDeadline ? new Date(d.leaderDeadline) : null,
      note: d.note,
      category: d.categoryId ? await categoryChoice(trx, d.categoryId, categories) : null,
    };
  },
  sign: async () => ({ action: 'sign' }),
  requestReturn: async ({ reason, suggestedUnit }, { trx, actor }) => ({
    action: 'requestReturn',
    reason,
    suggestedUnit,
    ownUnitNames: await namesOfUnit(trx, actor.unitId),
  }),
  approveReturn: async ({ opinion }) => ({ action: 'approveReturn', opinion }),
  rejectReturn: async ({ opinion }) => ({ action: 'rejectReturn', opinion }),
  requestExtension: async (e, { trx, row, actor, now }) => {
    await requireProof(
      trx,
      e.scanAttachmentId,
      { purpose: 'extension_scan', orderId: row.id, unitId: actor.unitId },
      `requestExtension@${now.toISOString()}`,
    );
    return {
      action: 'requestExtension',
      reason: e.reason,
      requestedDeadline: new Date(e.requestedDeadline),
      mainLeaderName: e.mainLeaderName,
      scanAttachmentId: e.scanAttachmentId,
    };
  },
  approveExtension: async ({ newDeadline, opinion }) => ({
    action: 'approveExtension',
    newDeadline: newDeadline ? new Date(newDeadline) : null,
    opinion,
  }),
  rejectExtension: async ({ opinion }) => ({ action: 'rejectExtension', opinion }),
  reportProgress: async ({ content }) => ({ action: 'reportProgress', content }),
  coSign: async () => ({ action: 'coSign' }),
  coOpinion: async ({ content }) => ({ action: 'coOpinion', content }),
  coReturn: async ({ reason, suggestedUnit }, { trx, actor }) => ({
    action: 'coReturn',
    reason,
    suggestedUnit,
    ownUnitNames: await namesOfUnit(trx, actor.unitId),
  }),
  addCoUnit: async (a, { trx, known }) => {
    await requireHandlingUnits(new WorkOrderRepository(trx), [{ id: a.unitId, what: '协办单位' }], known);
    return { action: 'addCoUnit', unitId: a.unitId, note: a.note };
  },
  reply: async (r, { trx, row, actor, now }) => {
    // The scan backs a typed issuer; a unit signing off in Huiyin is refused before this (SIGN_OFF_REQUIRED).
    if (r.issuerScanAttachmentId)
      await requireProof(
        trx,
        r.issuerScanAttachmentId,
        { purpose: 'signed_reply', orderId: row.id, unitId: actor.unitId },
        `reply@${now.toISOString()}`,
      );
    return { action: 'reply', reply: r.reply, issuerScanAttachmentId: r.issuerScanAttachmentId ?? null };
  },
  submitForSignOff: async ({ reply }, { trx, actor }) => {
    await requireSigningLeader(new UserRepository(trx), actor.unitId);
    return { action: 'submitForSignOff', reply };
  },
  signOff: async () => ({ action: 'signOff' }),
  sendBackSignOff: async ({ comment }) => ({ action: 'sendBackSignOff', comment }),
  leaderRead: async ({ instruction }) => ({ action: 'leaderRead', instruction }),
  recordFaxReply: async (f, { trx, row, now }) => {
    await requireProof(
      trx,
      f.scanAttachmentId,
      { purpose: 'fax_reply', orderId: row.id },
      `recordFaxReply@${now.toISOString()}`,
    );
    return {
      action: 'recordFaxReply',
      reply: f.reply,
      scanAttachmentId: f.scanAttachmentId,
      faxReceivedAt: new Date(f.faxReceivedAt),
      backdateReason: f.backdateReason ?? null,
    };
  },
  acceptReview: async ({ opinion }) => ({ action: 'acceptReview', opinion }),
  orderRedo: async ({ reasons, opinion }) => ({ action: 'orderRedo', reasons, opinion }),
  callback: async ({ result, note }) => ({ action: 'callback', result, note }),
  close: async ({ explanation, beyondPolicy }) => ({ action: 'close', explanation, beyondPolicy }),
  void: async ({ reason }) => ({ action: 'void', reason }),
  merge: async (m, { trx }) => {
    const target = await new WorkOrderRepository(trx).findByCode(m.intoCode.trim());
    if (!target || target.state === 'voided') {
      refuse('invalid', 'MERGE_TARGET_INVALID', `要合并到的工单 ${m.intoCode} 不存在或已作废。`);
    }
    return { action: 'merge', intoOrderId: target.id, intoCode: target.code, reason: m.reason };
  },
  linkRepeat: async (l, { trx }) => {
    const target = await new WorkOrderRepository(trx).findByCode(l.repeatOfCode.trim());
    if (!target || target.state === 'voided') {
      refuse('invalid', 'REPEAT_TARGET_INVALID', `所重复的工单 ${l.repeatOfCode} 不存在或已作废。`);
    }
    return { action: 'linkRepeat', repeatOfId: target.id, repeatOfCode: target.code };
  },
  reclassify: async (r, { trx, categories }) => ({
    action: 'reclassify',
    category: await categoryChoice(trx, r.categoryId, categories),
    reason: r.reason,
  }),
  answerOnSpot: async (a, { trx }) => {
    const cited = await new KnowledgeRepository(trx).version(a.knowledgeVersionId);
    return { action: 'answerOnSpot', citation: cited ? citationOf(cited) : null, answer: a.answer };
  },
  urge: async ({ message }) => ({ action: 'urge', message }),
  recordPhoneSupervision: async (p) => ({
    action: 'recordPhoneSupervision',
    calledAt: new Date(p.calledAt),
    calleeName: p.calleeName,
    calleeUnitId: p.calleeUnitId,
    summary: p.summary,
    promise: p.promise,
  }),
  escalate: async ({ reason }) => ({ action: 'escalate', reason }),
  recordSupervisionFinding: async ({ findings, measures }) => ({
    action: 'recordSupervisionFinding',
    findings,
    measures,
  }),
  reportToLeaders: async ({ summary }) => ({ action: 'reportToLeaders', summary }),
  concludeSupervision: async ({ conclusion }) => ({ action: 'concludeSupervision', conclusion }),
};

/** Turns an action's API body into the workflow's command of that action. */
export function commandOf<A extends Action>(
  action: A,
  body: ActionBody<A>,
  inputs: CommandInputs,
): Promise<CommandOf<A>> {
  const build: CommandBuilder<A> = BUILDERS[action];
  return build(body, inputs);
}

/** A category the user chose, as the database holds it (the rules refuse one that is missing or disabled). */
export async function categoryChoice(
  db: Kysely<Database> | Transaction<Database>,
  id: number,
  categories = new Map<number, CategoryNamed>(),
): Promise<CategoryChoice> {
  const row = await new CategoryRepository(db).get(id);
  if (!row) return { id, found: null };
  const named = { id: row.id, level1: row.level1, level2: row.level2, level3: row.level3 };
  categories.set(row.id, named);
  return { id, found: { ...named, active: row.active === 1 } };
}

/**
 * Checks that a file proves what the step needs (its purpose, order and uploader) and binds it
 * to this request in the same transaction, so it proves no later one.
 */
async function requireProof(
  trx: Transaction<Database>,
  attachmentId: number,
  need: ProofRequirement,
  request: string,
) {
  const files = new AttachmentRepository(trx);
  checkProof(await files.facts(attachmentId), need);
  if (!(await files.bind(attachmentId, request))) throw proofAlreadyUsed(need, attachmentId);
}

/**
 * A draft sent for sign-off waits for one of the unit's leaders. With no active leader account
 * it would wait for good (nobody is notified, nobody can sign), so it is refused with what to do.
 * Read from the kept directory of active accounts: no statement on a warm server.
 */
async function requireSigningLeader(users: UserRepository, unitId: number): Promise<void> {
  const leaders = [
    ...(await users.activeRecipients(unitId, 'unit_leader')),
    ...(await users.activeRecipients(unitId, 'unit_main_leader')),
  ];
  if (leaders.length === 0)
    refuse(
      'rule',
      'NO_SIGNING_LEADER',
      '本单位还没有在岗的领导账号，答复提交后没有人能签发。请联系安全管理员为单位领导开通账号；或请热线办把本单位改为手填签发人、附签发件扫描件。',
    );
}

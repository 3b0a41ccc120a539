import { HOUR_MS } from '../../src/domain/time.js';
import type { CallbackResult, SourceChannel } from '../../src/domain/workflow/index.js';
import type { Batch } from './columns.js';
import type { GenContext } from './context.js';
import { Cutoff, officeHours, type Registration, SimulatedOrder } from './simulated-order.js';
import * as text from './text.js';

/**
 * One order's whole life, simulated with the real workflow: what is registered, then which of a
 * few plans its life follows (plain, with co-units, returned, extended, redone, unsatisfied, by
 * fax, voided, merged), each step taken through SimulatedOrder (the pure `decide()` applied as
 * the repository writes it). The simulation stops at the data set's "now": recent orders are
 * still open.
 */

type Plan =
  | 'plain'
  | 'co'
  | 'return'
  | 'rejectReturn'
  | 'extension'
  | 'redoAtReview'
  | 'unsatisfied'
  | 'fax'
  | 'void'
  | 'merge';

const PLANS: Record<Plan, number> = {
  plain: 58,
  co: 14,
  return: 5,
  rejectReturn: 1.5,
  extension: 6,
  redoAtReview: 3,
  unsatisfied: 6,
  fax: 1.5,
  void: 3,
  merge: 2,
};

const CHANNELS: Record<SourceChannel, number> = {
  city_platform: 45,
  phone: 38,
  web: 7,
  walk_in: 5,
  fax: 3,
  other: 2,
};

const CALLBACKS: Record<CallbackResult, number> = {
  satisfied: 74,
  basically_satisfied: 16,
  unsatisfied: 0,
  unreachable: 10,
};

/** What comes in: a matter of the demo county's kinds, by a channel, at a place, this urgent. */
function register(g: GenContext, createdAt: number): Registration {
  const { rng, org } = g;
  const template = rng.pick(g.templates);
  const channel = rng.weighted(CHANNELS);
  const townshipId = template.townshipCode ? (org.unitByCode.get(template.townshipCode) ?? null) : null;
  const township = org.townships.find((t) => t.id === townshipId) ?? rng.pick(org.townships);
  const where = text.place(rng, township.name);
  const urgencyRoll = rng.next();
  const urgency =
    urgencyRoll < 0.015
      ? 'leader'
      : urgencyRoll < 0.09
        ? 'urgent'
        : template.urgency === 'leader'
          ? 'normal'
          : template.urgency;
  const cityDeadline =
    channel === 'city_platform' && rng.chance(0.5) ? createdAt + rng.int(7, 12) * 24 * HOUR_MS : null;
  return { template, channel, township, townshipId, where, urgency, cityDeadline };
}

export function simulateOrder(
  g: GenContext,
  batch: Batch,
  id: number,
  code: string,
  createdAt: number,
): void {
  const { rng, org } = g;
  const reg = register(g, createdAt);
  const { template, urgency } = reg;
  const o = new SimulatedOrder(g, batch, id, code, createdAt, reg);
  const plan = rng.weighted(PLANS);
  const dispatcher = rng.pick(org.dispatchers);
  const reviewer = rng.pick(org.reviewers);
  try {
    if (plan === 'void') {
      o.step(0.2, 6);
      o.act(dispatcher, { action: 'void', reason: text.texts.voidReason(rng) });
      return;
    }
    if (plan === 'merge') {
      const into = g.mergeTargets.length ? rng.pick(g.mergeTargets) : null;
      o.step(0.2, 6);
      if (into)
        o.act(dispatcher, {
          action: 'merge',
          intoOrderId: into.id,
          intoCode: into.code,
          reason: '同一诉求重复来电,合并办理',
        });
      else o.act(dispatcher, { action: 'void', reason: text.texts.voidReason(rng) });
      return;
    }

    const leadCode = template.suggestedLeadUnitCode;
    let leadId = org.unitByCode.get(leadCode) ?? rng.pick(org.handlingUnitIds);
    const coIds =
      plan === 'co'
        ? (template.suggestedCoUnitCodes?.length
            ? template.suggestedCoUnitCodes.map((c) => org.unitByCode.get(c) as number)
            : [rng.pick(org.townships).id]
          ).filter((c) => c !== leadId)
        : [];
    const dispatch = (lead: number, co: number[]) => {
      const at = o.step(0.2, 5);
      return o.act(dispatcher, {
        action: 'dispatch',
        leadUnitId: lead,
        coUnitIds: co,
        urgency,
        leaderDeadline: urgency === 'leader' ? new Date(at + rng.int(48, 120) * HOUR_MS) : null,
        ...(rng.chance(0.2) ? { note: '请尽快联系来电人核实情况' } : {}),
      });
    };
    if (!dispatch(leadId, coIds)) return;

    if (plan === 'return' || plan === 'rejectReturn') {
      const lead = o.liaisonOf(leadId);
      const township = rng.pick(org.townships);
      o.step(0.5, 4);
      o.act(lead, {
        action: 'requestReturn',
        reason: text.texts.returnReason(rng, township.name),
        suggestedUnit: township.name,
      });
      o.step(0.5, 4);
      if (plan === 'return') {
        if (!o.act(dispatcher, { action: 'approveReturn', opinion: `同意回退,改派${township.name}` })) return;
        leadId = township.id;
        if (!dispatch(leadId, [])) return;
      } else {
        o.act(dispatcher, { action: 'rejectReturn', opinion: '经核实属于本单位职责,请继续办理' });
      }
    }

    const lead = o.liaisonOf(leadId);
    const signBy = o.row.sign_by ? Date.parse(o.row.sign_by) : o.t + 24 * HOUR_MS;
    const signAt = rng.chance(0.93)
      ? o.t + Math.max(0.1 * HOUR_MS, (signBy - o.t) * rng.next())
      : signBy + rng.int(1, 30) * HOUR_MS;
    if (plan === 'fax') {
      const at = o.step(4, 48);
      const scan = o.attach(dispatcher, 'fax_reply', at);
      o.act(dispatcher, {
        action: 'recordFaxReply',
        reply: o.replyContent(lead, at),
        scanAttachmentId: scan,
        faxReceivedAt: new Date(Math.max(Date.parse(o.row.dispatched_at as string), at - 2 * HOUR_MS)),
      });
    } else {
      if (signAt > g.now.getTime()) throw new Cutoff();
      if (!o.act(lead, { action: 'sign' }, officeHours(rng, signAt))) return;
      for (const co of coIds) {
        const coActor = o.liaisonOf(co);
        o.step(0.2, 8);
        o.act(coActor, { action: 'coSign' });
        if (rng.chance(0.8)) {
          o.step(2, 40);
          o.act(coActor, { action: 'coOpinion', content: text.texts.coOpinion(rng) });
        }
      }
      if (rng.chance(0.15)) {
        o.step(4, 30);
        o.act(lead, { action: 'reportProgress', content: text.texts.progress(rng) });
      }
      if (plan === 'extension') {
        const handleBy = Date.parse(o.row.handle_by as string);
        const at = officeHours(rng, o.t + Math.max(0.1 * HOUR_MS, (handleBy - o.t) * 0.5 * rng.next()));
        const requested = handleBy + rng.int(3, 10) * 24 * HOUR_MS;
        const cityOk = !o.row.city_deadline || requested <= Date.parse(o.row.city_deadline);
        if (at < handleBy && cityOk) {
          if (at > g.now.getTime()) throw new Cutoff();
          const scan = o.attach(lead, 'extension_scan', at);
          o.act(
            lead,
            {
              action: 'requestExtension',
              reason: text.texts.extensionReason(rng),
              requestedDeadline: new Date(requested),
              mainLeaderName: text.personName(rng),
              scanAttachmentId: scan,
            },
            at,
          );
          o.step(1, 8);
          if (rng.chance(0.75)) o.act(dispatcher, { action: 'approveExtension', opinion: '同意延期' });
          else o.act(dispatcher, { action: 'rejectExtension', opinion: '理由不充分,请按期办结' });
        }
      }
      if (!o.replyNow(lead)) return;
    }

    const review = () => {
      o.step(1, 30);
      return o.act(reviewer, { action: 'acceptReview', opinion: text.texts.officeOpinion(rng) });
    };
    if (plan === 'redoAtReview') {
      o.step(1, 20);
      const redone = o.act(reviewer, {
        action: 'orderRedo',
        reasons: [rng.pick(['unclear', 'poor_quality', 'not_done'] as const)],
        opinion: text.texts.redoOpinion(rng),
      });
      if (redone && !o.replyNow(lead)) return;
    }
    if (!review()) return;
    o.step(2, 48);
    if (plan === 'unsatisfied') {
      o.act(reviewer, {
        action: 'callback',
        result: 'unsatisfied',
        note: '群众表示问题没有解决，要求重新处理',
      });
      o.step(0.5, 6);
      const redone =
        rng.chance(0.6) &&
        o.act(reviewer, {
          action: 'orderRedo',
          reasons: ['citizen_unsatisfied'],
          opinion: text.texts.redoOpinion(rng),
        });
      if (redone) {
        if (!o.replyNow(lead) || !review()) return;
        o.step(2, 48);
        o.act(reviewer, {
          action: 'callback',
          result: rng.chance(0.7) ? 'satisfied' : 'basically_satisfied',
          note: '',
        });
      } else {
        o.act(reviewer, {
          action: 'close',
          beyondPolicy: true,
          explanation: '群众要求一次性补偿超出政策规定,已向其解释相关政策,做好说服疏导,按规定办结。',
        });
        return;
      }
    } else {
      const result = rng.weighted(CALLBACKS);
      if (result === 'unreachable') {
        // Closed on 联系不上 only after three calls on two days (callback-attempts.ts).
        o.act(reviewer, { action: 'callback', result, note: '电话无人接听' });
        o.step(20, 30);
        o.act(reviewer, { action: 'callback', result, note: '电话无人接听' });
        o.step(1, 4);
        o.act(reviewer, { action: 'callback', result, note: '电话关机' });
      } else o.act(reviewer, { action: 'callback', result, note: '' });
    }
    o.step(0.1, 4);
    o.act(reviewer, { action: 'close' });
  } catch (e) {
    if (!(e instanceof Cutoff)) throw e;
  } finally {
    o.finish();
  }
}

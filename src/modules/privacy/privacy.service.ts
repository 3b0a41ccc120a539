import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { CONFIDENTIAL_REFUSAL, revealReasonProblem } from '../../domain/citizen-privacy.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { type OrderState, STATE_LABELS, UNIT_CLOCK_STATES } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';
import { presentCitizen } from '../work-orders/citizen-presenter.js';
import { eventActor } from '../work-orders/event-actor.js';
import { staleVersion } from '../work-orders/order-refusals.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';

/**
 * The citizen's personal information beyond what the presenter shows: a handling unit reveals
 * the phone with a reason (recorded on the timeline and in the audit log), and the office marks
 * an order 保密 at the citizen's request.
 */
export class PrivacyService {
  private readonly orders: WorkOrderService;

  constructor(private readonly ctx: AppContext) {
    this.orders = new WorkOrderService(ctx);
  }

  /**
   * The caller's full phone and address for a unit handling the order, given a reason. The
   * reason goes on the timeline (the office sees who looked and why) and, with the order's code
   * but never the phone, into the audit log, in the same transaction.
   */
  async reveal(id: number, reason: string, actor: Actor, by: AuditWho) {
    const problem = revealReasonProblem(reason);
    if (problem) refuse('invalid', 'REVEAL_REASON_REQUIRED', problem);
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = new WorkOrderRepository(trx);
      const { row, subject } = await this.orders.loadVisible(id, actor, repo);
      if (!can(actor, 'workOrder.revealPhone', subject)) {
        refuse('forbidden', 'NOT_HANDLING_UNIT', '只有正在办理本工单的承办单位可以查看来电人的完整号码。');
      }
      if (presentCitizen(actor, row, subject.activeUnitIds).access === 'hidden') {
        refuse('forbidden', 'CONFIDENTIAL_ORDER', CONFIDENTIAL_REFUSAL);
      }
      // The number is for handling the matter: once the unit has replied (and the office calls
      // back), it has no more use for it.
      if (!UNIT_CLOCK_STATES.includes(row.state as OrderState)) {
        refuse(
          'state',
          'NOT_IN_HANDLING',
          `工单${STATE_LABELS[row.state as OrderState] ?? row.state}：承办单位只在办理期间（签收前后至答复前）可以查看来电人的完整号码。`,
        );
      }
      const now = this.ctx.clock.now();
      const why = reason.trim();
      await repo.addEvent(id, 'contact_revealed', eventActor(actor, by.ip), now, { reason: why });
      await this.ctx.audit.record(trx, {
        ...by,
        action: 'data.revealed',
        target: `order:${row.code}`,
        detail: why,
        after: { field: 'citizen_contact', unitId: actor.unitId },
      });
      return {
        citizenName: row.citizen_name,
        citizenPhone: row.citizen_phone,
        citizenAddress: row.citizen_address,
      };
    });
  }

  /** Marks or unmarks an order 保密 (the office), with the version the user saw; audited. */
  async setConfidential(
    id: number,
    input: { version: number; confidential: boolean; reason: string },
    actor: Actor,
    by: AuditWho,
  ) {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = new WorkOrderRepository(trx);
      const { row } = await this.orders.loadVisible(id, actor, repo);
      if (row.version !== input.version) throw staleVersion(row);
      const before = row.confidential === 1;
      if (before === input.confidential) {
        refuse(
          'state',
          'CONFIDENTIAL_UNCHANGED',
          input.confidential ? '本工单已经是保密件。' : '本工单不是保密件。',
        );
      }
      const now = this.ctx.clock.now();
      if (!(await repo.setConfidential(id, row.version, input.confidential, now))) throw staleVersion(row);
      const reason = input.reason.trim();
      await repo.addEvent(id, 'confidential_changed', eventActor(actor, by.ip), now, {
        confidential: input.confidential,
        reason,
      });
      await this.ctx.audit.record(trx, {
        ...by,
        action: 'order.confidential_changed',
        target: `order:${row.code}`,
        detail: reason,
        before: { confidential: before },
        after: { confidential: input.confidential },
      });
    });
  }
}

import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { WorkOrderRow } from '../../db/schema.js';
import type { OrderSubject } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import type { OrderSnapshot, WorkflowContext } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { Notifier } from '../notifications/notifier.js';
import { ClusterService } from '../repeats/clusters.service.js';
import { performAction, workflowContext } from './perform-action.js';
import { registerOrder } from './register-order.js';
import { loadVisible, loadWholeVisible, type VisibleOrder } from './visible-order.js';

/**
 * The use cases of a work order, for routes and other modules: read one the actor may see
 * (visible-order.ts), register one (register-order.ts), perform a workflow action
 * (perform-action.ts, its bodies turned into commands in action-commands.ts).
 */
export class WorkOrderService {
  private readonly orders: WorkOrderRepository;

  /** Registers an order: `registerOrder` (register-order.ts), bound to this application. */
  readonly register: ReturnType<typeof registerOrder>;

  /** Performs a workflow action: `performAction` (perform-action.ts), bound to this application. */
  readonly perform: ReturnType<typeof performAction>;

  constructor(private readonly ctx: AppContext) {
    this.orders = new WorkOrderRepository(ctx.db.kysely);
    this.register = registerOrder(ctx, new ClusterService(ctx.settings));
    this.perform = performAction(ctx, new Notifier(ctx.settings));
  }

  workflowContext(actor: Actor): Promise<WorkflowContext> {
    return workflowContext(this.ctx, actor);
  }

  /** Loads an order the actor may see, or refuses with 404 (another unit's order is "not there"). */
  loadVisible(
    id: number,
    actor: Actor,
    repo = this.orders,
  ): Promise<{ row: WorkOrderRow; snapshot: OrderSnapshot; subject: OrderSubject }> {
    return loadVisible(repo, id, actor);
  }

  /** As `loadVisible`, with everything the order's page shows, in one statement. */
  loadWholeVisible(id: number, actor: Actor, repo = this.orders): Promise<VisibleOrder> {
    return loadWholeVisible(repo, id, actor);
  }
}

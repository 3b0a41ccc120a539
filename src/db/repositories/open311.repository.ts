import type { Kysely, Transaction } from 'kysely';
import type { OrderState } from '../../domain/workflow/states.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Open311Filter {
  ids?: number[];
  categoryId?: number;
  from?: string;
  to?: string;
  /** Final states for 'closed', the others for 'open'. */
  states?: { final: readonly OrderState[]; open: boolean };
  limit: number;
}

/** What Open311 reads and writes: the categories as services, the orders submitted through it. */
export class Open311Repository {
  constructor(private readonly db: Executor) {}

  services() {
    return this.db
      .selectFrom('categories')
      .select(['id', 'level1', 'level2', 'level3'])
      .where('active', '=', 1)
      .orderBy('id')
      .execute();
  }

  findService(id: number) {
    return this.db
      .selectFrom('categories')
      .select(['id', 'level3'])
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
  }

  async link(orderId: number, clientId: number, lat: number | null, long: number | null, at: string) {
    await this.db
      .insertInto('open311_requests')
      .values({ order_id: orderId, client_id: clientId, lat, long, created_at: at })
      .execute();
  }

  requests(filter: Open311Filter) {
    let q = this.db
      .selectFrom('open311_requests as r')
      .innerJoin('work_orders as o', 'o.id', 'r.order_id')
      .leftJoin('categories as c', 'c.id', 'o.category_id')
      .leftJoin('units as u', 'u.id', 'o.lead_unit_id')
      .select([
        'o.id',
        'o.code',
        'o.state',
        'o.content',
        'o.citizen_address',
        'o.citizen_name',
        'o.category_id',
        'c.level3 as service_name',
        'u.name as agency',
        'o.created_at',
        'o.updated_at',
        'o.handle_by',
        'o.reply',
        'o.void_reason',
        'o.merged_into_id',
        'r.lat',
        'r.long',
      ])
      // The public view shows nothing of an order its citizen asked to keep confidential.
      .where('o.confidential', '=', 0)
      .orderBy('o.id', 'desc')
      .limit(filter.limit);
    if (filter.ids) q = q.where('o.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
    if (filter.categoryId) q = q.where('o.category_id', '=', filter.categoryId);
    if (filter.from) q = q.where('o.created_at', '>=', filter.from);
    if (filter.to) q = q.where('o.created_at', '<=', filter.to);
    if (filter.states) {
      q = filter.states.open
        ? q.where('o.state', 'not in', filter.states.final)
        : q.where('o.state', 'in', filter.states.final);
    }
    return q.execute();
  }

  /** The code of the order another was merged into. */
  async codeOf(id: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('work_orders')
      .select('code')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.code ?? null;
  }
}

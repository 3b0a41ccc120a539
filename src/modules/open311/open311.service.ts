import { Open311Repository } from '../../db/repositories/open311.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { maskAddress, maskForPublic } from '../../domain/citizen-privacy.js';
import { open311Status, open311StatusNotes } from '../../domain/open311.js';
import { refuse } from '../../domain/refusal.js';
import { FINAL_STATES, type OrderState } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import type { AuthenticatedClient } from '../api-clients/api-clients.service.js';
import { contentHash, once } from '../api-clients/idempotency.js';
import { insertOrder, officeClockLimits } from '../work-orders/register-order.js';
import type { Open311ListQuery, Open311PostInput, Open311Request } from './open311.schemas.js';

const DEFAULT_DAYS = 90;
const MAX_REQUESTS = 1000;

/** Open311 GeoReport v2 over the county's orders: categories as services, submissions as orders. */
export class Open311Service {
  private readonly repo: Open311Repository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new Open311Repository(ctx.db.kysely);
  }

  async services() {
    return (await this.repo.services()).map((c) => ({
      service_code: String(c.id),
      service_name: c.level3,
      description: `${c.level1} / ${c.level2} / ${c.level3}`,
      metadata: false,
      type: 'realtime' as const,
      keywords: [c.level1, c.level2].join(','),
      group: c.level1,
    }));
  }

  /** Registers a submission as an order from the web (网络) channel, waiting for the office to dispatch. */
  async submit(client: AuthenticatedClient, input: Open311PostInput, idempotencyKey?: string) {
    const { api_key: _key, ...content } = input;
    const key = idempotencyKey ?? `open311:${contentHash(content)}:${this.ctx.clock.now().toISOString()}`;
    const limits = await officeClockLimits(this.ctx);
    const answer = await once(this.ctx, client.id, key, contentHash(content), async (trx) => {
      const orders = new WorkOrderRepository(trx);
      const service = await new Open311Repository(trx).findService(input.service_code);
      if (!service)
        refuse('invalid', 'SERVICE_NOT_FOUND', `没有编号为 ${input.service_code} 的服务（诉求分类）。`);
      const now = this.ctx.clock.now();
      const name = `${input.last_name ?? ''}${input.first_name ?? ''}`.trim() || '匿名';
      const { id } = await insertOrder(
        orders,
        {
          channel: 'web',
          citizenName: name,
          citizenPhone: input.phone ?? '',
          citizenAddress: input.address_string ?? '',
          categoryId: service.id,
          type: 'other',
          title: titleOf(input.description),
          content: input.description,
          urgency: 'normal',
          needsCitizenReply: Boolean(input.phone),
          cityDeadline: null,
        },
        { userId: null, unitId: client.unitId, name: client.name, ip: null },
        null,
        now,
        limits,
      );
      await new Open311Repository(trx).link(
        id,
        client.id,
        input.lat ?? null,
        input.long ?? null,
        now.toISOString(),
      );
      return {
        status: 201,
        body: [{ service_request_id: String(id), service_notice: NOTICE, account_id: null }],
      };
    });
    return answer;
  }

  async list(query: Open311ListQuery): Promise<Open311Request[]> {
    const now = this.ctx.clock.now();
    const ids = query.service_request_id?.split(',').map(Number);
    const statuses = query.status?.split(',') ?? [];
    const rows = await this.repo.requests({
      ids,
      categoryId: query.service_code,
      // Without ids or dates, the spec's default: the last 90 days.
      from: query.start_date
        ? new Date(query.start_date).toISOString()
        : ids
          ? undefined
          : new Date(now.getTime() - DEFAULT_DAYS * 86_400_000).toISOString(),
      to: query.end_date ? new Date(query.end_date).toISOString() : undefined,
      states: statuses.length === 1 ? { final: FINAL_STATES, open: statuses[0] === 'open' } : undefined,
      limit: MAX_REQUESTS,
    });
    return Promise.all(rows.map((r) => this.present(r)));
  }

  async one(id: number): Promise<Open311Request[]> {
    const found = await this.list({ service_request_id: String(id) });
    if (found.length === 0) refuse('not_found', 'REQUEST_NOT_FOUND', `没有编号为 ${id} 的服务请求。`);
    return found;
  }

  private async present(
    r: Awaited<ReturnType<Open311Repository['requests']>>[number],
  ): Promise<Open311Request> {
    const state = r.state as OrderState;
    const reply = r.reply ? (JSON.parse(r.reply) as { result?: string }) : null;
    return {
      service_request_id: String(r.id),
      status: open311Status(state),
      status_notes: maskForPublic(
        open311StatusNotes({
          state,
          replyResult: reply?.result ?? null,
          voidReason: r.void_reason,
          mergedIntoCode: r.merged_into_id ? await this.repo.codeOf(r.merged_into_id) : null,
        }),
        [r.citizen_name],
      ),
      service_name: r.service_name,
      service_code: r.category_id === null ? null : String(r.category_id),
      // Anyone may read these views: the citizen's words with their numbers and name masked.
      description: maskForPublic(r.content, [r.citizen_name]),
      agency_responsible: r.agency,
      service_notice: NOTICE,
      requested_datetime: r.created_at,
      updated_datetime: r.updated_at,
      expected_datetime: r.handle_by,
      address: maskAddress(r.citizen_address),
      address_id: null,
      zipcode: null,
      lat: r.lat === null ? null : Number(r.lat),
      long: r.long === null ? null : Number(r.long),
      media_url: null,
    };
  }
}

const NOTICE = '已受理。县 12345 热线办将派发至承办单位，按规定时限办理答复。';

/** A short title from the description: its first sentence, at most 20 characters. */
function titleOf(description: string): string {
  const first = description.split(/[。!?;.!?;\n]/)[0]?.trim() || description.trim();
  const title = first.length > 20 ? `${first.slice(0, 19)}…` : first;
  return title.length >= 4 ? title : description.slice(0, 20);
}

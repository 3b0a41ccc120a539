import { mapFields } from '../../domain/city-link.js';
import {
  OutboundAddressRefused,
  type OutboundHttp,
  type OutboundResponse,
} from '../outbound/outbound-http.js';
import type { CityAdapter } from './city-adapter.js';
import { PermanentCityError } from './city-adapter.js';
import type { CityLinkSettings } from './city-link.settings.js';

const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

/**
 * The generic JSON adapter: results are POSTed to one URL as a JSON object in the city's field
 * names, with the key as a bearer token and the idempotency key as a header; the order list
 * and the statuses are GETs answering `{ orders: [...], cursor }` and `{ orders: [{ cityOrderNo, status }] }`.
 */
export function jsonCityAdapter(settings: CityLinkSettings, http: OutboundHttp): CityAdapter {
  const headers = { authorization: `Bearer ${settings.key}`, accept: 'application/json' };

  /**
   * `answerRead: false` for a delivery: any 2xx means delivered (api.md), whatever its body; many
   * gateways answer `OK`, `success` or a page of HTML. Reads (orders, statuses) need JSON.
   */
  async function call(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    answerRead = true,
  ): Promise<unknown> {
    let res: OutboundResponse;
    try {
      res = await http.fetch(url, {
        ...init,
        headers: { ...headers, ...init.headers },
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (e) {
      // Refused for where it goes: the same at every retry (domain/outbound-address.ts).
      if (e instanceof OutboundAddressRefused) throw new PermanentCityError(`未连接市平台：${e.message}`);
      const name = e instanceof Error ? e.name : '';
      if (name === 'TimeoutError') throw new Error(`市平台 ${settings.timeoutMs} 毫秒内没有应答`);
      throw new Error(
        `连接市平台失败：${e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : e}`,
      );
    }
    const text = await res.text();
    if (!res.ok) {
      const message = `市平台答复 HTTP ${res.status}：${text.slice(0, 200)}`;
      if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status))
        throw new PermanentCityError(message);
      throw new Error(message);
    }
    if (!answerRead) return null;
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      throw new Error(`市平台的答复不是 JSON:${text.slice(0, 200)}`);
    }
  }

  return {
    async deliver(result) {
      await call(
        settings.resultsUrl,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': result.idempotencyKey },
          body: JSON.stringify(mapFields(result, settings.fieldMapping)),
        },
        false,
      );
    },
    async fetchOrders(cursor) {
      if (!settings.ordersUrl) throw new PermanentCityError('未设置市平台工单列表地址');
      const url = new URL(settings.ordersUrl);
      if (cursor !== null) url.searchParams.set('after', cursor);
      const body = (await call(url.toString())) as { orders?: unknown; cursor?: unknown } | null;
      if (!body || !Array.isArray(body.orders)) throw new Error('市平台工单列表的答复缺少 orders 数组');
      const next = body.cursor === undefined || body.cursor === null ? cursor : String(body.cursor);
      return { orders: body.orders, cursor: next };
    },
    async fetchStatuses() {
      if (!settings.statusesUrl) throw new PermanentCityError('未设置市平台工单状态地址');
      const body = (await call(settings.statusesUrl)) as { orders?: unknown } | null;
      if (!body || !Array.isArray(body.orders)) throw new Error('市平台工单状态的答复缺少 orders 数组');
      return body.orders.map((o) => {
        const r = o as { cityOrderNo?: unknown; status?: unknown };
        return { cityOrderNo: String(r.cityOrderNo), status: String(r.status) };
      });
    },
  };
}

import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_ORDER_COLUMNS } from '../../src/db/migrations/2026-12-01-repeats-002-township-text.js';
import {
  type OrderPageRequest,
  WorkOrderListRepository,
} from '../../src/db/repositories/work-order-list.repository.js';
import type { NewWorkOrder } from '../../src/db/schema.js';
import { anOrder, ok } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * Keyword search reads the bigram index, counts up to a cap, and walks or collects its matches
 * by how many there are; whatever it does, it must find exactly what a plain scan with LIKE finds,
 * in the same order, on both databases.
 */
describe(`keyword search (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let template: Record<string, unknown>;
  let templateId: number;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', { SEARCH_COUNT_CAP: 3 });
    const office = await t.as('dispatcher');
    const first = (await ok(office.post('/api/work-orders', anOrder()), 201)) as unknown as { id: number };
    const row = await t.ctx.db.kysely
      .selectFrom('work_orders')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    const { id: _id, ...rest } = row as unknown as Record<string, unknown>;
    for (const c of GENERATED_ORDER_COLUMNS) delete rest[c];
    template = rest;
    templateId = first.id;
  });
  afterAll(() => t.close());

  // Words people search for, and characters that make near misses (the bigrams of 暖气不热 apart,
  // ASCII in either case, LIKE's wildcards, the phone and code as keys).
  const piece = fc.constantFrom(
    '暖气',
    '不热',
    '气不',
    '路灯',
    '小区',
    '金水湾',
    '上柳村',
    '拖欠',
    '工资',
    '的',
    '热',
    'A',
    'a',
    'b1',
    '12',
    '%',
    '_',
    ' ',
    '王',
    '建国',
    '13800001111',
    'GD-1',
  );
  const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  const corpus = fc.array(
    fc.record({
      title: text,
      content: text,
      name: fc.array(piece, { minLength: 1, maxLength: 2 }).map((p) => p.join('')),
      phone: fc.constantFrom('13800001111', '13900002222'),
      day: fc.integer({ min: 1, max: 28 }),
      type: fc.constantFrom('complaint', 'help'),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const query = fc.oneof(
    fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
    fc.constantFrom('暖气', '暖气不热', 'a', 'A1', '13800001111', 'GD-1', '气', '不热的'),
  );

  type Corpus = Array<{
    title: string;
    content: string;
    name: string;
    phone: string;
    day: number;
    type: string;
  }>;

  async function load(orders: Corpus) {
    const k = t.ctx.db.kysely;
    await k.deleteFrom('work_orders').where('id', '>', templateId).execute();
    let i = 0;
    for (const o of orders) {
      i += 1;
      await k
        .insertInto('work_orders')
        .values({
          ...(template as NewWorkOrder),
          code: i === 1 ? 'GD-1' : `P-${i}`,
          city_order_no: null,
          title: o.title,
          content: o.content,
          citizen_name: o.name,
          citizen_phone: o.phone,
          type: o.type,
          // Several orders at one instant: the order's id breaks the tie.
          created_at: `2026-02-${String(o.day).padStart(2, '0')}T01:00:00.000Z`,
        })
        .execute();
    }
  }

  /** The same search as a plain scan: LIKE on every order, the keys compared, no index. */
  async function scan(q: string, f: Partial<OrderPageRequest>) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    let s = t.ctx.db.kysely
      .selectFrom('work_orders')
      .select('id')
      .where(
        sql<boolean>`(code = ${q} or city_order_no = ${q} or citizen_phone = ${q}
          or title like ${like} escape '\\' or content like ${like} escape '\\' or citizen_name like ${like} escape '\\')`,
      );
    if (f.type?.length) s = s.where('type', 'in', f.type);
    const rows = await s
      .orderBy('created_at', f.sort === 'oldest' ? 'asc' : 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => r.id);
  }

  it('finds what a scan with LIKE finds, in the same order, with a total capped honestly', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.array(
          fc.record({
            q: query,
            sort: fc.constantFrom('newest', 'oldest') as fc.Arbitrary<'newest' | 'oldest'>,
            pageSize: fc.integer({ min: 1, max: 6 }),
            page: fc.integer({ min: 1, max: 3 }),
            cap: fc.integer({ min: 1, max: 50 }),
            // PostgreSQL walks this many orders before it collects the matches instead.
            budget: fc.integer({ min: 1, max: 30 }),
            type: fc.constantFrom<string[] | undefined>(undefined, ['help']),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (orders, searches) => {
          await load(orders);
          for (const s of searches) {
            const f: OrderPageRequest = {
              q: s.q,
              sort: s.sort,
              page: s.page,
              pageSize: s.pageSize,
              type: s.type,
            };
            const expected = await scan(s.q, f);
            const got = await new WorkOrderListRepository(t.ctx.db.kysely, s.cap, s.budget).page(
              f,
              { kind: 'all' },
              {
                now: '2026-03-02T01:00:00.000Z',
                byPhone: true,
                escalation: { minUrges: 2, minPhoneSupervisions: 1 },
              },
            );
            const from = (s.page - 1) * s.pageSize;
            expect({ q: s.q, ids: got.rows.map((r) => r.id) }).toEqual({
              q: s.q,
              ids: expected.slice(from, from + s.pageSize),
            });
            expect({ total: got.total, capped: got.totalCapped }).toEqual({
              total: Math.min(expected.length, s.cap),
              capped: expected.length > s.cap,
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('says through the API when a search matched more orders than it counts', async () => {
    const k = t.ctx.db.kysely;
    await k.deleteFrom('work_orders').where('id', '>', templateId).execute();
    const office = await t.as('dispatcher');
    for (let i = 0; i < 4; i++)
      await ok(office.post('/api/work-orders', anOrder({ title: `暖气不热 第 ${i} 户` })), 201);
    // The cap is 3 (SEARCH_COUNT_CAP): four orders match.
    const many = (await ok(
      office.get(`/api/work-orders?q=${encodeURIComponent('暖气')}&pageSize=2`),
    )) as unknown as {
      items: unknown[];
      total: number;
      totalCapped: boolean;
    };
    expect({ total: many.total, capped: many.totalCapped, items: many.items.length }).toEqual({
      total: 3,
      capped: true,
      items: 2,
    });
    const page2 = (await ok(
      office.get(`/api/work-orders?q=${encodeURIComponent('暖气')}&pageSize=2&page=2`),
    )) as unknown as { items: unknown[] };
    expect(page2.items).toHaveLength(2);
    const few = (await ok(office.get(`/api/work-orders?q=${encodeURIComponent('第 1 户')}`))) as unknown as {
      total: number;
      totalCapped: boolean;
    };
    expect({ total: few.total, capped: few.totalCapped }).toEqual({ total: 1, capped: false });
    // A list without a keyword is counted exactly, past the cap.
    const all = (await ok(office.get('/api/work-orders'))) as unknown as {
      total: number;
      totalCapped: boolean;
    };
    expect({ total: all.total, capped: all.totalCapped }).toEqual({ total: 5, capped: false });
  });
});

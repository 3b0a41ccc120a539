import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OrderPageRequest,
  WorkOrderListRepository,
} from '../../src/db/repositories/work-order-list.repository.js';
import type { NewWorkOrder } from '../../src/db/schema.js';
import { looksLikePhone, normalisePhone } from '../../src/domain/citizen-phone.js';
import { codeOf } from '../../src/domain/order-code.js';
import type { OrderScope } from '../../src/domain/policy.js';
import { searchTerms } from '../../src/domain/search-terms.js';
import { anOrder, ok, rowCopyOf } from '../support/orders.js';
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
  let unitId: number;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', { SEARCH_COUNT_CAP: 3 });
    const office = await t.as('dispatcher');
    const first = (await ok(office.post('/api/work-orders', anOrder()), 201)) as unknown as { id: number };
    template = (await rowCopyOf(t, first.id)) as unknown as Record<string, unknown>;
    templateId = first.id;
    unitId = (await t.ctx.db.kysely.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow())
      .id;
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
    // The separator of PostgreSQL's search text (title, content and name joined by chr(1)).
    '\u0001',
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
      state: fc.constantFrom('closed', 'handling', 'pending_sign'),
      channel: fc.constantFrom('phone', 'city_platform'),
      urgency: fc.constantFrom('normal', 'urgent'),
      // A few deadlines, often shared (the order's id breaks the tie), or none.
      deadline: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      // Assigned to the unit of the scoped searches: not at all, actively, or no longer.
      assigned: fc.constantFrom<0 | 1 | null>(null, 1, 0),
      // Edited after it was written (the search index must follow an update of the text).
      retitle: fc.option(text, { nil: undefined }),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const query = fc.oneof(
    fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
    // Several words: each must be found (text alone, or a key among them).
    fc.array(piece, { minLength: 2, maxLength: 3 }).map((p) => p.join(' ')),
    fc.array(piece, { minLength: 2, maxLength: 3 }).map((p) => p.join('\u3000')),
    fc.constantFrom(
      '暖气',
      '暖气不热',
      'a',
      'A1',
      '13800001111',
      'GD-1',
      '气',
      '不热的',
      '暖气 小区',
      '王 13800001111',
    ),
  );

  type Corpus = Array<{
    title: string;
    content: string;
    name: string;
    phone: string;
    day: number;
    type: string;
    state: string;
    channel: string;
    urgency: string;
    deadline: number | null;
    assigned: 0 | 1 | null;
    retitle: string | undefined;
  }>;

  /** Every order but the template, with the assignments the corpora give them. */
  async function clear() {
    const k = t.ctx.db.kysely;
    await k.deleteFrom('work_order_units').where('order_id', '>', templateId).execute();
    await k.deleteFrom('work_orders').where('id', '>', templateId).execute();
  }

  async function load(orders: Corpus) {
    const k = t.ctx.db.kysely;
    await clear();
    let i = 0;
    for (const o of orders) {
      i += 1;
      const { id } = await k
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
          state: o.state,
          channel: o.channel,
          urgency: o.urgency,
          handle_by: o.deadline === null ? null : `2026-03-0${o.deadline}T01:00:00.000Z`,
          // Several orders at one instant: the order's id breaks the tie.
          created_at: `2026-02-${String(o.day).padStart(2, '0')}T01:00:00.000Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (o.retitle !== undefined)
        await k.updateTable('work_orders').set({ title: o.retitle }).where('id', '=', id).execute();
      if (o.assigned !== null)
        await k
          .insertInto('work_order_units')
          .values({
            order_id: id,
            unit_id: unitId,
            role: 'lead',
            active: o.assigned,
            dispatched_at: '2026-02-01T01:00:00.000Z',
            silent: 0,
          })
          .execute();
    }
  }

  /** The same list as a plain scan: LIKE on every order, the keys compared, each filter as written, no index. */
  async function scan(
    q: string | undefined,
    f: Partial<OrderPageRequest>,
    scope: OrderScope = { kind: 'all' },
  ) {
    let s = t.ctx.db.kysely.selectFrom('work_orders').select('id');
    // Every word of the query, each in the text or as a key.
    for (const word of q === undefined ? [] : searchTerms(q)) {
      const like = `%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      // A phone is looked up in the one form phones are stored in (domain/citizen-phone.ts).
      const phone = looksLikePhone(word) ? normalisePhone(word) : word;
      s = s.where(
        sql<boolean>`(code = ${codeOf(word)} or city_order_no = ${word} or citizen_phone = ${phone}
          or title like ${like} escape '\\' or content like ${like} escape '\\' or citizen_name like ${like} escape '\\')`,
      );
    }
    if (f.type?.length) s = s.where('type', 'in', f.type);
    if (f.state?.length) s = s.where('state', 'in', f.state);
    if (f.channel?.length) s = s.where('channel', 'in', f.channel);
    if (f.urgency?.length) s = s.where('urgency', 'in', f.urgency);
    // The dates are whole days at 09:00 in Shanghai: the day's string compares as the instant would.
    if (f.from) s = s.where(sql<boolean>`substr(created_at, 1, 10) >= ${f.from}`);
    if (f.to) s = s.where(sql<boolean>`substr(created_at, 1, 10) <= ${f.to}`);
    if (scope.kind === 'unit')
      s = s.where(
        'id',
        'in',
        t.ctx.db.kysely
          .selectFrom('work_order_units')
          .select('order_id')
          .where('unit_id', '=', scope.unitId)
          .where('active', '=', 1),
      );
    const sorted =
      f.sort === 'deadline'
        ? s.orderBy(sql`handle_by || ''`).orderBy('id', 'asc')
        : s.orderBy('created_at', f.sort === 'oldest' ? 'asc' : 'desc').orderBy('id', 'desc');
    const rows = await sorted.execute();
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
                readsContacts: true,
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

  it('lists, filtered and scoped, with or without a keyword, what a plain scan lists', async () => {
    const some = <T>(...values: T[]) => fc.option(fc.subarray(values, { minLength: 1 }), { nil: undefined });
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.array(
          fc.record({
            q: fc.option(query, { nil: undefined }),
            unit: fc.boolean(),
            state: some('closed', 'handling', 'pending_sign'),
            type: some('complaint', 'help'),
            channel: some('phone', 'city_platform'),
            urgency: some('normal', 'urgent'),
            from: fc.option(day, { nil: undefined }),
            to: fc.option(day, { nil: undefined }),
            sort: fc.constantFrom('newest', 'oldest', 'deadline') as fc.Arbitrary<
              'newest' | 'oldest' | 'deadline'
            >,
            pageSize: fc.integer({ min: 1, max: 6 }),
            page: fc.integer({ min: 1, max: 3 }),
            cap: fc.integer({ min: 1, max: 50 }),
            budget: fc.integer({ min: 1, max: 30 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (orders, lists) => {
          await load(orders);
          for (const l of lists) {
            const { unit, cap, budget, ...f } = l;
            const scope: OrderScope = unit ? { kind: 'unit', unitId } : { kind: 'all' };
            const expected = await scan(f.q, f, scope);
            const got = await new WorkOrderListRepository(t.ctx.db.kysely, cap, budget).page(f, scope, {
              now: '2026-03-02T01:00:00.000Z',
              readsContacts: true,
              escalation: { minUrges: 2, minPhoneSupervisions: 1 },
            });
            const from = (f.page - 1) * f.pageSize;
            expect({ list: l, ids: got.rows.map((r) => r.id) }).toEqual({
              list: l,
              ids: expected.slice(from, from + f.pageSize),
            });
            // Without a keyword the list is counted exactly; a search up to its cap.
            const counted = f.q === undefined ? expected.length : Math.min(expected.length, cap);
            expect({ list: l, total: got.total, capped: got.totalCapped }).toEqual({
              list: l,
              total: counted,
              capped: f.q !== undefined && expected.length > cap,
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('says through the API when a search matched more orders than it counts', async () => {
    await clear();
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
    // Full-width digits as a phone keyboard types them find the same order.
    const wide = (await ok(
      office.get(`/api/work-orders?q=${encodeURIComponent('第 １ 户')}`),
    )) as unknown as {
      total: number;
    };
    expect(wide.total).toBe(1);
    // A list without a keyword is counted exactly, past the cap.
    const all = (await ok(office.get('/api/work-orders'))) as unknown as {
      total: number;
      totalCapped: boolean;
    };
    expect({ total: all.total, capped: all.totalCapped }).toEqual({ total: 5, capped: false });
  });

  it('searches again by its words a search that found nothing as typed, and says so', async () => {
    const office = await t.as('dispatcher');
    await ok(
      office.post(
        '/api/work-orders',
        anOrder({
          title: '桥头工业园拖欠年终奖金',
          content: '厂房项目拖欠年终奖金三个月，三十多人没拿到钱。',
        }),
      ),
      201,
    );
    const list = async (q: string) =>
      (await ok(office.get(`/api/work-orders?q=${encodeURIComponent(q)}`))) as unknown as {
        total: number;
        relaxedTo?: string[];
      };
    // 拖欠奖金 is in no order as typed; 拖欠 and 奖金 are both in one.
    expect(await list('拖欠奖金')).toMatchObject({ total: 1, relaxedTo: ['拖欠', '奖金'] });
    const exact = await list('拖欠年终奖金');
    expect(exact.total).toBe(1);
    expect(exact.relaxedTo).toBeUndefined();
    // The segmenter reads 路灯不亮 as 路 + 灯不亮: searched two characters at a time instead.
    await ok(
      office.post(
        '/api/work-orders',
        anOrder({ title: '河湾大道东段路灯大面积不亮', content: '晚上七点以后整段漆黑。' }),
      ),
      201,
    );
    expect(await list('路灯不亮')).toMatchObject({ total: 1, relaxedTo: ['路灯', '不亮'] });
  });

  it('finds an order by its code as people type it: in small letters, or its digits read out', async () => {
    const office = await t.as('dispatcher');
    const order = (await ok(office.post('/api/work-orders', anOrder()), 201)) as unknown as { code: string };
    const unit = await t.as('housing-a');
    for (const [who, q] of [
      [office, order.code.toLowerCase()],
      [office, order.code.slice(2)],
      // those who see phones masked may still find an order by its code's digits
      [unit, order.code.slice(2)],
    ] as const) {
      const found = (await ok(who.get(`/api/work-orders?q=${encodeURIComponent(q)}`))) as unknown as {
        items: Array<{ code: string }>;
      };
      if (who === unit) continue; // not dispatched: the unit sees none, but is not refused
      expect(
        found.items.map((i) => i.code),
        q,
      ).toEqual([order.code]);
    }
  });
});

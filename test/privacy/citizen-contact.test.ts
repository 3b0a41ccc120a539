import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import {
  act,
  anOrder,
  aReply,
  ok,
  refused,
  registeredAndDispatched,
  replySignedOff,
} from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const PHONE = '13812341234';
const ADDRESS = '河湾县河湾镇滨河路幸福家园小区5号楼2单元402室';
const caller = { citizenName: '周女士', citizenPhone: PHONE, citizenAddress: ADDRESS };

interface Detail {
  id: number;
  code: string;
  version: number;
  title: string;
  citizenName: string;
  citizenPhone: string;
  citizenAddress: string;
  contactAccess: string;
  confidential: boolean;
  abilities: string[];
  timeline: Array<{ type: string; payload: Record<string, unknown>; actorUnitName: string | null }>;
}

/** Every cell of the first sheet of an exported workbook, as text. */
async function exportedCells(t: TestApp, user: string): Promise<string[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/exports/work-orders.xlsx',
    headers: { cookie: await t.cookieOf(user) },
  });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.worksheets[0]?.eachRow((row) => {
    row.eachCell((cell) => {
      cells.push(String(cell.value ?? ''));
    });
  });
  return cells;
}

async function printed(t: TestApp, user: string, id: number) {
  return t.app.inject({
    method: 'GET',
    url: `/print/work-orders/${id}`,
    headers: { cookie: await t.cookieOf(user) },
  });
}

describe(`a citizen's phone and address, masked for whoever does not need them (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let order: Detail;
  let secret: Detail;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    order = (await registeredAndDispatched(t, 'housing', ['water'], caller)) as unknown as Detail;
    secret = (await registeredAndDispatched(t, 'housing', [], {
      ...caller,
      citizenName: '秘女士',
      citizenPhone: '13900005555',
      confidential: true,
      title: '举报小区违规施工',
    })) as unknown as Detail;
  });
  afterAll(() => t.close());

  it('each role sees the phone as the policy says: office full, units and oversight masked', async () => {
    const view = async (user: string) =>
      (await ok((await t.as(user)).get(`/api/work-orders/${order.id}`))) as unknown as Detail;
    for (const user of ['dispatcher', 'reviewer']) {
      expect(await view(user)).toMatchObject({
        citizenPhone: PHONE,
        citizenAddress: ADDRESS,
        contactAccess: 'full',
      });
    }
    for (const user of ['housing-a', 'housing-leader', 'water-a', 'supervisor', 'leader']) {
      expect(await view(user), user).toMatchObject({
        citizenName: '周女士',
        citizenPhone: '138****1234',
        citizenAddress: '河湾县河湾镇滨河路***',
        contactAccess: 'masked',
      });
    }
    expect((await view('housing-a')).abilities).toContain('workOrder.revealPhone');
    expect((await view('supervisor')).abilities).not.toContain('workOrder.revealPhone');
    // Another unit does not see the order at all.
    await refused((await t.as('transport-a')).get(`/api/work-orders/${order.id}`), 404, 'ORDER_NOT_FOUND');
  });

  it('search by phone finds the order for the office only; a unit cannot recover a masked phone by searching', async () => {
    const search = async (user: string) =>
      ((await (await t.as(user)).get(`/api/work-orders?q=${PHONE}`)).json() as { total: number }).total;
    expect(await search('dispatcher')).toBe(1);
    expect(await search('housing-a')).toBe(0);
    expect(await search('supervisor')).toBe(0);
  });

  it('a handling unit reveals the phone with a reason: full number, audit entry without it, note on the timeline', async () => {
    const housing = await t.as('housing-a');
    await refused(
      housing.post(`/api/work-orders/${order.id}/reveal-contact`, { reason: '。。,, ' }),
      400,
      'REVEAL_REASON_REQUIRED',
    );
    await refused(housing.post(`/api/work-orders/${order.id}/reveal-contact`, {}), 400, 'VALIDATION_FAILED');
    const revealed = await housing.post(`/api/work-orders/${order.id}/reveal-contact`, {
      reason: '需电话联系来电人，核实漏水位置。',
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ citizenName: '周女士', citizenPhone: PHONE, citizenAddress: ADDRESS });

    const audit = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'data.revealed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      target: `order:${order.code}`,
      detail: '需电话联系来电人，核实漏水位置。',
    });
    const everything = JSON.stringify(await t.ctx.db.kysely.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(PHONE);

    const office = (await ok(
      (await t.as('dispatcher')).get(`/api/work-orders/${order.id}`),
    )) as unknown as Detail;
    const note = office.timeline.find((e) => e.type === 'contact_revealed');
    expect(note).toMatchObject({
      payload: { reason: '需电话联系来电人，核实漏水位置。' },
      actorUnitName: '县住房和城乡建设局',
    });
    expect(JSON.stringify(office.timeline)).not.toContain(PHONE);
    // The detail stays masked: the reveal answers once, for that reason.
    expect(((await ok(housing.get(`/api/work-orders/${order.id}`))) as unknown as Detail).citizenPhone).toBe(
      '138****1234',
    );
  });

  it('only the units handling the order may reveal: others 404, other roles 403', async () => {
    const body = { reason: '电话回访核实情况' };
    expect(
      (await (await t.as('water-a')).post(`/api/work-orders/${order.id}/reveal-contact`, body)).statusCode,
    ).toBe(200);
    await refused(
      (await t.as('transport-a')).post(`/api/work-orders/${order.id}/reveal-contact`, body),
      404,
      'ORDER_NOT_FOUND',
    );
    await refused(
      (await t.as('supervisor')).post(`/api/work-orders/${order.id}/reveal-contact`, body),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      (await t.as('dispatcher')).post(`/api/work-orders/${order.id}/reveal-contact`, body),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('a 保密 order shows units no identity at all, and refuses the reveal and the caller history', async () => {
    const housing = await t.as('housing-a');
    const seen = (await ok(housing.get(`/api/work-orders/${secret.id}`))) as unknown as Detail;
    expect(seen).toMatchObject({
      citizenName: '（保密）',
      citizenPhone: '（保密）',
      citizenAddress: '（保密）',
      contactAccess: 'hidden',
      confidential: true,
    });
    const list = (await housing.get('/api/work-orders?q=违规施工')).json() as {
      items: Array<{ citizenName: string; confidential: boolean }>;
    };
    expect(list.items).toEqual([expect.objectContaining({ citizenName: '（保密）', confidential: true })]);
    const refusal = await refused(
      housing.post(`/api/work-orders/${secret.id}/reveal-contact`, { reason: '电话联系来电人核实' }),
      403,
      'CONFIDENTIAL_ORDER',
    );
    expect(refusal.message).toContain('保密');
    await refused(housing.get(`/api/work-orders/${secret.id}/caller-history`), 403, 'CONFIDENTIAL_ORDER');
    expect(JSON.stringify(seen)).not.toContain('秘女士');
    // The office sees it whole, marked.
    const office = (await ok(
      (await t.as('dispatcher')).get(`/api/work-orders/${secret.id}`),
    )) as unknown as Detail;
    expect(office).toMatchObject({ citizenName: '秘女士', citizenPhone: '13900005555', confidential: true });
  });

  it('exports and print pages follow the same rule', async () => {
    const unitCells = (await exportedCells(t, 'housing-a')).join('\n');
    expect(unitCells).toContain('138****1234');
    expect(unitCells).not.toContain(PHONE);
    expect(unitCells).not.toContain(ADDRESS);
    expect(unitCells).not.toContain('秘女士');
    expect(unitCells).not.toContain('13900005555');
    const officeCells = (await exportedCells(t, 'dispatcher')).join('\n');
    expect(officeCells).toContain(PHONE);
    expect(officeCells).toContain('秘女士');

    const unitPage = await printed(t, 'housing-a', order.id);
    expect(unitPage.statusCode).toBe(200);
    expect(unitPage.body).toContain('138****1234');
    expect(unitPage.body).not.toContain(PHONE);
    const secretPage = await printed(t, 'housing-a', secret.id);
    expect(secretPage.body).not.toContain('秘女士');
    expect(secretPage.body).not.toContain('13900005555');
    expect((await printed(t, 'dispatcher', order.id)).body).toContain(PHONE);
  });

  it("the caller's history heads with the phone as the viewer may see it; a unit never sees a 保密 order in it", async () => {
    const history = (
      await (await t.as('housing-a')).get(`/api/work-orders/${order.id}/caller-history`)
    ).json() as {
      phone: string;
      items: Array<{ id: number }>;
    };
    expect(history.phone).toBe('138****1234');
    const office = (
      await (await t.as('dispatcher')).get(`/api/work-orders/${order.id}/caller-history`)
    ).json() as {
      phone: string;
    };
    expect(office.phone).toBe(PHONE);
    // The same phone's 保密 order is not listed to the unit.
    const dispatcher = await t.as('dispatcher');
    const again = await ok(
      dispatcher.post('/api/work-orders', anOrder({ ...caller, confidential: true })),
      201,
    );
    await ok(
      dispatcher.post(`/api/work-orders/${again.id}/dispatch`, {
        version: again.version,
        leadUnitId: t.unitId('housing'),
        coUnitIds: [],
      }),
    );
    const after = (
      await (await t.as('housing-a')).get(`/api/work-orders/${order.id}/caller-history`)
    ).json() as {
      items: Array<{ id: number }>;
    };
    expect(after.items.map((i) => i.id)).not.toContain(again.id);
    const officeAfter = (await dispatcher.get(`/api/work-orders/${order.id}/caller-history`)).json() as {
      items: Array<{ id: number }>;
    };
    expect(officeAfter.items.map((i) => i.id)).toContain(again.id);
  });

  it('notifications to units name no caller details', async () => {
    const notes = JSON.stringify((await (await t.as('housing-a')).get('/api/notifications')).json());
    expect(notes).toContain(order.code);
    expect(notes).not.toContain(PHONE);
    expect(notes).not.toContain('周女士');
  });

  it('the office marks an order 保密 later (audited, versioned); nobody else may', async () => {
    const dispatcher = await t.as('dispatcher');
    const current = (await ok(dispatcher.get(`/api/work-orders/${order.id}`))) as unknown as Detail;
    await refused(
      (await t.as('housing-a')).post(`/api/work-orders/${order.id}/confidential`, {
        version: current.version,
        confidential: true,
        reason: '来电人要求保密',
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/confidential`, {
        version: current.version - 1,
        confidential: true,
        reason: '来电人要求保密',
      }),
      409,
      'VERSION_CONFLICT',
    );
    const marked = (await ok(
      dispatcher.post(`/api/work-orders/${order.id}/confidential`, {
        version: current.version,
        confidential: true,
        reason: '来电人再次来电，要求对承办单位保密',
      }),
    )) as unknown as Detail;
    expect(marked.confidential).toBe(true);
    expect(marked.timeline.at(-1)).toMatchObject({
      type: 'confidential_changed',
      payload: { confidential: true },
    });
    const entry = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'order.confidential_changed')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ target: `order:${order.code}` });
    expect(JSON.parse(entry.before_json ?? '')).toEqual({ confidential: false });
    expect(JSON.parse(entry.after_json ?? '')).toEqual({ confidential: true });
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/confidential`, {
        version: marked.version,
        confidential: true,
        reason: '重复标记',
      }),
      409,
      'CONFIDENTIAL_UNCHANGED',
    );
    const unitView = (await ok(
      (await t.as('housing-a')).get(`/api/work-orders/${order.id}`),
    )) as unknown as Detail;
    expect(unitView).toMatchObject({ contactAccess: 'hidden', citizenPhone: '（保密）' });
  });

  it('a confidential order is not found by its caller’s name, except by the office; its code still finds it', async () => {
    const total = async (user: string, q: string) => {
      const res = await (await t.as(user)).get(`/api/work-orders?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { total: number }).total;
    };
    const counted = async (user: string, q: string) => {
      const queries = encodeURIComponent(JSON.stringify([{ q }]));
      const res = await (await t.as(user)).get(`/api/work-orders/counts?queries=${queries}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { counts: { total: number }[] }).counts.map((c) => c.total);
    };
    expect(await total('dispatcher', '周女士')).toBeGreaterThanOrEqual(1);
    for (const user of ['housing-a', 'supervisor', 'leader']) {
      expect(await total(user, '周女士'), user).toBe(0);
      expect(await total(user, '周女'), user).toBe(0);
      expect(await counted(user, '周女士'), user).toEqual([0]);
      // Nor by her name beside a word of its text (each word must be in what the viewer reads).
      expect(await total(user, '路灯 周女士'), user).toBe(0);
      expect(await counted(user, '周女士　路灯'), user).toEqual([0]);
    }
    expect(await total('dispatcher', '路灯 周女士')).toBeGreaterThanOrEqual(1);
    expect(await total('housing-a', '路灯 小区')).toBeGreaterThanOrEqual(1);
    expect(await total('housing-a', order.code)).toBe(1);
    expect(await total('housing-a', order.title)).toBeGreaterThanOrEqual(1);
    // Confidential from its registration.
    expect(await total('dispatcher', '秘女士')).toBe(1);
    expect(await total('housing-a', '秘女士')).toBe(0);
    expect(await total('housing-a', secret.code)).toBe(1);
  });
});

describe(`staff mobiles on registration forms (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  type Units = {
    items: Array<{
      id: number;
      code: string;
      registration: { liaisonA: { mobile: string }; filledByPhone: string } | null;
    }>;
  };
  const mobiles = async (user: string) => {
    const res = await (await t.as(user)).get('/api/units');
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json() as Units;
    return new Map(
      items.filter((u) => u.registration).map((u) => [u.code, u.registration?.liaisonA.mobile ?? '']),
    );
  };
  const full = /^1[3-9]\d{9}$/;
  const masked = /^1[3-9]\d\*{4}\d{4}$/;

  it('the office, the administrators and the unit itself see them; others see them masked', async () => {
    for (const user of ['dispatcher', 'reviewer', 'admin', 'secadmin']) {
      const m = await mobiles(user);
      expect(m.size, user).toBeGreaterThan(3);
      for (const v of m.values()) expect(v, user).toMatch(full);
    }
    const own = await mobiles('housing-a');
    expect(own.get('housing')).toMatch(full);
    expect(own.get('water')).toMatch(masked);
    for (const user of ['supervisor', 'leader', 'auditor']) {
      const m = await mobiles(user);
      for (const v of m.values()) expect(v, user).toMatch(masked);
    }
  });
});

describe(`numbers and names typed into an order's words, masked as its fields are (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let secret: Detail & { content: string };
  let open: Detail & { content: string };
  const content =
    '来电人秘先生称其电话13912340000,身份证号110101199003071234,住幸福路8号3单元501,反映楼下饭店油烟扰民。';
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    secret = (await registeredAndDispatched(t, 'housing', ['water'], {
      citizenName: '秘先生',
      citizenPhone: '13912340000',
      confidential: true,
      title: '饭店油烟扰民,联系电话13912340000',
      content,
    })) as unknown as Detail & { content: string };
    open = (await registeredAndDispatched(t, 'housing', [], {
      citizenName: '周女士',
      citizenPhone: '13812341234',
      title: '路灯不亮,回电 138 1234 1234',
      needsCitizenReply: false,
      content: '周女士反映路灯不亮,回电 138 1234 1234。',
    })) as unknown as Detail & { content: string };
  });
  afterAll(() => t.close());

  const view = async (user: string, id: number) =>
    (await ok((await t.as(user)).get(`/api/work-orders/${id}`))) as unknown as Detail & { content: string };

  it('the office reads them whole; the units, co-units and oversight masked, a 保密 caller unnamed', async () => {
    expect((await view('dispatcher', secret.id)).content).toBe(content);
    for (const user of ['housing-a', 'water-a', 'supervisor', 'leader']) {
      const seen = await view(user, secret.id);
      expect(seen.content, user).toBe(
        '来电人秘**称其电话139****0000,身份证号**************1234,住幸福路8号3单元501,反映楼下饭店油烟扰民。',
      );
      expect(seen.title, user).toBe('饭店油烟扰民,联系电话139****0000');
    }
    const plain = await view('housing-a', open.id);
    expect(plain.content).toBe('周女士反映路灯不亮,回电 138****1234。');
    expect(plain.title).toBe('路灯不亮,回电 138****1234');
  });

  it('in the list, the print page and the export as well', async () => {
    const list = (await ok((await t.as('housing-a')).get('/api/work-orders?pageSize=50'))) as unknown as {
      items: Array<{ id: number; title: string }>;
    };
    expect(list.items.find((o) => o.id === secret.id)?.title).toBe('饭店油烟扰民,联系电话139****0000');
    const page = await printed(t, 'housing-a', secret.id);
    expect(page.body).not.toContain('13912340000');
    expect(page.body).not.toContain('110101199003071234');
    expect(page.body).toContain('139****0000');
    const cells = (await exportedCells(t, 'housing-a')).join('\n');
    expect(cells).not.toContain('13912340000');
    expect(cells).not.toContain('110101199003071234');
    expect((await exportedCells(t, 'dispatcher')).join('\n')).toContain('110101199003071234');
  });

  it('a unit cannot find an order by a number it sees masked; the office can; codes still find orders', async () => {
    const search = async (user: string, q: string) =>
      (
        (await ok((await t.as(user)).get(`/api/work-orders?q=${encodeURIComponent(q)}`))) as unknown as {
          items: Array<{ id: number }>;
        }
      ).items.map((o) => o.id);
    for (const q of ['13912340000', '110101199003071234', '139 1234 0000', '１３９１２３４００００'])
      expect(await search('housing-a', q), q).toEqual([]);
    expect(await search('dispatcher', '110101199003071234')).toEqual([secret.id]);
    expect(await search('housing-a', secret.code)).toEqual([secret.id]);
    expect(await search('housing-a', '油烟')).toEqual([secret.id]);
  });

  it('the number is revealed only while the unit handles the order, not once it has replied', async () => {
    const housing = await t.as('housing-a');
    const body = { reason: '电话联系来电人核实情况' };
    expect((await housing.post(`/api/work-orders/${open.id}/reveal-contact`, body)).statusCode).toBe(200);
    const order = await act(housing, open as unknown as OrderDetail, 'sign');
    await replySignedOff(housing, await t.as('housing-leader'), order, { reply: aReply() });
    const error = await refused(
      housing.post(`/api/work-orders/${open.id}/reveal-contact`, body),
      409,
      'NOT_IN_HANDLING',
    );
    expect(error.message).toContain('待审核');
  });

  it('notices carry no caller number in the title', async () => {
    const notices = (await ok((await t.as('housing-a')).get('/api/notifications?limit=50'))) as unknown as {
      items: Array<{ title: string; body: string }>;
    };
    const text = JSON.stringify(notices.items);
    expect(text).toContain(secret.code);
    expect(text).not.toContain('13912340000');
    expect(text).not.toMatch(/138 1234 1234/);
  });
});

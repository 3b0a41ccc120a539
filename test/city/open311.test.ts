import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachineClient, type MachineClient } from '../support/api-clients.js';
import { act, aReply, contact, ok, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const REQUESTS = '/open311/v2/requests.json';

describe(`Open311 GeoReport v2 (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let app311: MachineClient;
  let serviceCode: string;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    app311 = await createMachineClient(t, { name: '随手拍小程序', scopes: ['open311'] });
    const services = (await t.anonymous.get('/open311/v2/services.json')).json() as {
      service_code: string;
    }[];
    serviceCode = services[0]?.service_code as string;
  });
  afterAll(() => t.close());

  const post = {
    description: '解放路与人民路交叉口的井盖缺失,夜里很危险,请尽快处理。',
    address_string: '城关镇解放路与人民路交叉口',
    lat: 36.6173,
    long: 101.7782,
    first_name: '明',
    last_name: '王',
    phone: '13909720001',
  };

  it('lists the categories as services', async () => {
    const res = await t.anonymous.get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    const services = res.json() as {
      service_code: string;
      service_name: string;
      type: string;
      group: string;
    }[];
    expect(services.length).toBeGreaterThan(10);
    expect(services[0]).toMatchObject({ type: 'realtime', metadata: false });
  });

  it('a posted request reads back as posted, open, and carries the unit result in its notes once replied', async () => {
    const created = await app311.call('POST', REQUESTS, { ...post, service_code: serviceCode });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { service_request_id: string }[])[0]?.service_request_id as string;

    const read = await t.anonymous.get(`/open311/v2/requests/${id}.json`);
    expect(read.statusCode).toBe(200);
    const [request] = read.json() as Record<string, unknown>[];
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '待派发',
      service_code: serviceCode,
      description: post.description,
      // Anyone may read it: the road is kept, what follows is not.
      address: '城关镇解放路***',
      lat: post.lat,
      long: post.long,
    });
    expect(JSON.stringify(request)).not.toContain('13909720001');

    // The order goes through the county's workflow to its end.
    const office = await t.as('dispatcher');
    let order = await ok(office.get(`/api/work-orders/${id}`));
    expect(order.channel).toBe('web');
    order = await ok(
      office.post(`/api/work-orders/${id}/dispatch`, {
        version: order.version,
        leadUnitId: t.unitId('housing'),
        coUnitIds: [],
      }),
    );
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({ citizenContact: contact(t.clock.now().toISOString()) }),
    });
    const listed = (await t.anonymous.get(`${REQUESTS}?status=open`)).json() as {
      service_request_id: string;
      status_notes: string;
    }[];
    expect(listed.find((r) => r.service_request_id === id)?.status_notes).toMatch(/^待审核:我局已安排/);

    const byForm = await t.app.inject({
      method: 'POST',
      url: REQUESTS,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: app311.key,
        service_code: serviceCode,
        description: '公园路的路灯整晚不亮,行人摔倒过两次。',
        lat: '36.6',
        long: '101.7',
      }).toString(),
    });
    expect(byForm.statusCode, byForm.body).toBe(201);
    const formId = (byForm.json() as { service_request_id: string }[])[0]?.service_request_id;
    const both = (
      await t.anonymous.get(`${REQUESTS}?service_request_id=${id},${formId}`)
    ).json() as unknown[];
    expect(both).toHaveLength(2);
  });

  it('refuses a post without a key, with an unknown service or a short description, the GeoReport way', async () => {
    const anonymous = await t.anonymous.post(REQUESTS, { ...post, service_code: serviceCode });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await app311.call('POST', REQUESTS, { ...post, service_code: 999999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual([{ code: 400, description: expect.stringMatching(/999999/) }]);
    const short = await app311.call('POST', REQUESTS, {
      ...post,
      service_code: serviceCode,
      description: '井盖',
    });
    expect(short.statusCode).toBe(400);
    expect((short.json() as { description: string }[])[0]?.description).toMatch(/description/);
    expect((await t.anonymous.get('/open311/v2/requests/999999.json')).statusCode).toBe(404);
    const city = await createMachineClient(t, { name: '只有市平台权限', scopes: ['city'] });
    expect((await city.call('POST', REQUESTS, { ...post, service_code: serviceCode })).statusCode).toBe(403);
  });

  it('masks the ID card, bank card and phones however typed, and leaves amounts, dates and codes', async () => {
    const created = await app311.call('POST', REQUESTS, {
      ...post,
      service_code: serviceCode,
      description:
        '工资卡6228 3483 9548 6205 798，2026年2月工资4850元没发，身份证510726 19851106 1058，座机（0816）6038271，手机153—0816—7429，合同编号2026110588。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { service_request_id: string }[])[0]?.service_request_id as string;
    const [request] = (await t.anonymous.get(`/open311/v2/requests/${id}.json`)).json() as {
      description: string;
    }[];
    expect(request?.description).toBe(
      '工资卡***************5798，2026年2月工资4850元没发，身份证**************1058，座机0816-***8271，手机153****7429，合同编号2026110588。',
    );
  });

  it('shows the public no caller’s number or name, and nothing of a confidential order', async () => {
    const created = await app311.call('POST', REQUESTS, {
      ...post,
      service_code: serviceCode,
      description: '我叫陈小明,电话 137-0000-1234,住幸福家园7号楼,楼下路灯坏了一个月。陈小明',
      first_name: '小明',
      last_name: '陈',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { service_request_id: string }[])[0]?.service_request_id as string;
    const read = async () => t.anonymous.get(`/open311/v2/requests/${id}.json`);
    const [request] = (await read()).json() as { description: string }[];
    expect(request?.description).toBe('我叫陈**,电话 137****1234,住幸福家园7号楼,楼下路灯坏了一个月。陈**');

    const office = await t.as('dispatcher');
    const order = await ok(office.get(`/api/work-orders/${id}`));
    await ok(
      office.post(`/api/work-orders/${id}/confidential`, {
        version: order.version,
        confidential: true,
        reason: '来电人要求保密身份',
      }),
    );
    expect((await read()).statusCode).toBe(404);
    const listed = (await t.anonymous.get(REQUESTS)).json() as { service_request_id: string }[];
    expect(listed.map((r) => r.service_request_id)).not.toContain(id);
  });
});

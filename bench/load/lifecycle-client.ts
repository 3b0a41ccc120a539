import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';
import { type Http, HttpError } from './http.js';
import type { Recorder } from './run-load.js';

/**
 * Whole lifecycles through the real API, each step as the role that takes it: the dispatcher
 * registers and dispatches, the lead unit's liaison signs and drafts the reply, a leader of the unit
 * signs it off (a co-unit signs and gives
 * its opinion on every fourth order), the reviewer accepts, calls back and closes.
 */
export interface Cast {
  dispatcher: string;
  reviewer: string;
  /** Handling units with the cookies of their liaison and of the leader who signs replies off. */
  units: Array<{ id: number; cookie: string; leader: string }>;
}

export async function castOf(
  http: Http,
  units: Array<{ id: number; liaison: string; leader: string }>,
): Promise<Cast> {
  return {
    dispatcher: await http.login('dispatcher', DEMO_PASSWORD),
    reviewer: await http.login('reviewer', DEMO_PASSWORD),
    units: await Promise.all(
      units.map(async (u) => ({
        id: u.id,
        cookie: await http.login(u.liaison, DEMO_PASSWORD),
        leader: await http.login(u.leader, DEMO_PASSWORD),
      })),
    ),
  };
}

const REGISTER = {
  channel: 'phone',
  citizenName: '张先生',
  citizenPhone: '13909721234',
  citizenAddress: '河湾县河湾镇滨河路幸福家园小区12号楼',
  type: 'complaint',
  title: '小区门口路灯损坏',
  content:
    '滨河路小区门口的三盏路灯已经坏了半个月,晚上出行很不安全,希望尽快修好。来电人要求处理结果及时电话告知本人。',
  urgency: 'normal',
  needsCitizenReply: false,
};

const REPLY = {
  findings: '接到工单后,我局当天派员到滨河路小区门口实地查看,确认三盏路灯因线路老化损坏,情况属实。',
  result: '我局已安排路灯维护班组更换了损坏的线路和灯具,三盏路灯已于当日恢复照明。',
  basis: '依据《城市道路照明设施管理规定》第十条办理。',
  unreasonableDemand: false,
  issuer: '王建国',
  handlerName: '刘雅琴',
  handlerPhone: '0972-8521234',
};

/** Runs one lifecycle (8 actions, 10 with a co-unit); returns the number of actions done. */
export async function lifecycle(
  http: Http,
  cast: Cast,
  n: number,
  record: Recorder,
  running: () => boolean,
  /** Collects the ids of the orders registered (the reads that follow fetch them). */
  created: number[] = [],
): Promise<number> {
  const lead = cast.units[n % cast.units.length] as Cast['units'][number];
  const co = n % 4 === 0 ? (cast.units[(n + 7) % cast.units.length] as Cast['units'][number]) : null;
  let id = 0;
  let version = 0;
  let done = 0;
  const post = async (cookie: string, path: string, body: Record<string, unknown>, expect = 200) => {
    if (!running()) return false;
    const res = await record(
      () => http.request('POST', path, { cookie, body: id ? { version, ...body } : body }),
      id ? (path.split('/').at(-1) as string) : 'register',
    );
    if (res.status !== expect) throw new HttpError(res.status, res.text, path);
    const detail = JSON.parse(res.text) as { id: number; version: number };
    id = detail.id;
    version = detail.version;
    done++;
    return true;
  };
  const action = (cookie: string, name: string, body: Record<string, unknown> = {}) =>
    post(cookie, `/api/work-orders/${id}/${name}`, body);

  if (!(await post(cast.dispatcher, '/api/work-orders', REGISTER, 201))) return done;
  created.push(id);
  if (!(await action(cast.dispatcher, 'dispatch', { leadUnitId: lead.id, coUnitIds: co ? [co.id] : [] })))
    return done;
  if (!(await action(lead.cookie, 'sign'))) return done;
  if (co) {
    if (!(await action(co.cookie, 'co-sign'))) return done;
    if (
      !(await action(co.cookie, 'co-opinion', {
        content:
          '经我单位查看，滨河路小区门口三盏路灯的供电线路在我单位维护的配电箱内，已更换空气开关，线路恢复供电。',
      }))
    )
      return done;
  }
  // 签发: the liaison drafts, a leader of the unit signs it off (the issuer is that leader).
  if (!(await action(lead.cookie, 'submit-for-sign-off', { reply: { ...REPLY, issuer: '' } }))) return done;
  if (!(await action(lead.leader, 'sign-off'))) return done;
  if (!(await action(cast.reviewer, 'accept-review', { opinion: '答复规范' }))) return done;
  if (!(await action(cast.reviewer, 'callback', { result: 'satisfied', note: '群众表示满意' }))) return done;
  await action(cast.reviewer, 'close');
  return done;
}

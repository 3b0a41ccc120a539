import { DEMO_PASSWORD } from '../src/setup/seed/demo-county.js';
import { type BenchDbTarget, open } from './databases.js';
import { Rng } from './generate/rng.js';
import { SEARCH_WORDS } from './generate/text.js';
import { type Call, homeReads, type Measure, OFFICE_HOMES } from './home-reads.js';
import { sampleRss } from './load/child.js';
import { Http } from './load/http.js';
import { Samples } from './stats.js';
import { startAppServer } from './throughput.js';

/**
 * The pages people open all day, through the real API on the generated data set, one request at
 * a time (latency, not throughput): a unit's queue, its list, an order's page with its timeline,
 * keyword search, the office's filtered lists.
 */
export interface ReadFigure {
  name: string;
  samples: Samples;
  detail: string;
}

export interface ReadsResult {
  figures: ReadFigure[];
  rssMax: number;
}

interface Params {
  units: Array<{ id: number; name: string; liaison: string; orders: number }>;
  ids: number[];
  words: Array<{ kind: string; q: string }>;
  /** Orders whose phone, place, township and text make the register form's repeat probes and the suggestion texts. */
  probes: Array<{
    citizen_phone: string;
    citizen_address: string;
    township_unit_id: number | null;
    category_id: number | null;
    type: string;
    title: string;
    content: string;
  }>;
}

async function params(t: BenchDbTarget, rng: Rng): Promise<Params> {
  const db = open(t);
  try {
    const k = db.kysely;
    const busiest = await k
      .selectFrom('work_order_units as wu')
      .innerJoin('units', 'units.id', 'wu.unit_id')
      .select(['wu.unit_id', 'units.name', (eb) => eb.fn.countAll().as('n')])
      .where('wu.active', '=', 1)
      .groupBy(['wu.unit_id', 'units.name'])
      .orderBy('n', 'desc')
      .limit(4)
      .execute();
    const units = [];
    for (const u of busiest) {
      const liaison = await k
        .selectFrom('users')
        .select('username')
        .where('unit_id', '=', u.unit_id)
        .where('roles', 'like', '%unit_liaison%')
        .orderBy('username')
        .executeTakeFirstOrThrow();
      units.push({ id: u.unit_id, name: u.name, liaison: liaison.username, orders: Number(u.n) });
    }
    const max = await k
      .selectFrom('work_orders')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const ids = Array.from({ length: 400 }, () => rng.int(1, Number(max.id)));
    const sample = await k
      .selectFrom('work_orders')
      .select(['code', 'citizen_phone', 'citizen_name'])
      .where('id', 'in', ids.slice(0, 40))
      .execute();
    const words = [
      ...SEARCH_WORDS.topic.map((q) => ({ kind: 'topic', q })),
      ...SEARCH_WORDS.phrase.map((q) => ({ kind: 'phrase', q })),
      ...SEARCH_WORDS.place.map((q) => ({ kind: 'place', q })),
      ...SEARCH_WORDS.words.map((q) => ({ kind: 'words', q })),
      ...sample.slice(0, 5).map((r) => ({ kind: 'code', q: r.code })),
      ...sample.slice(5, 10).map((r) => ({ kind: 'phone', q: r.citizen_phone })),
      ...sample
        .filter((r) => !/先生|女士|匿名/.test(r.citizen_name))
        .slice(0, 3)
        .map((r) => ({ kind: 'name', q: r.citizen_name })),
    ];
    const probes = await k
      .selectFrom('work_orders')
      .select([
        'citizen_phone',
        'citizen_address',
        'township_unit_id',
        'category_id',
        'type',
        'title',
        'content',
      ])
      .where('id', 'in', ids.slice(40, 100))
      .execute();
    return { units, ids, words, probes };
  } finally {
    await db.close();
  }
}

export async function reads(
  t: BenchDbTarget,
  options: {
    now: Date;
    iterations: number;
    log: (s: string) => void;
    assistantOnly?: boolean;
    /** Leave out the repeat check and the suggestions (their model takes minutes to train at 1M). */
    noAssistant?: boolean;
  },
): Promise<ReadsResult> {
  const rng = new Rng(777);
  const p = await params(t, rng);
  // Every page and list built from the database: these figures are of the database's path, as on
  // a first view or after any change (a stored one is measured by the throughput bench).
  const server = await startAppServer(t, options.now, undefined, { storedPages: false });
  const http = new Http(server.port, 4);
  const rss = sampleRss(server.process.pid as number);
  const figures: ReadFigure[] = [];
  let rssMax = 0;
  try {
    const office = await http.login('dispatcher', DEMO_PASSWORD);
    const liaisons = await Promise.all(p.units.map((u) => http.login(u.liaison, DEMO_PASSWORD)));
    const measure = async (name: string, detail: string, paths: Call[]) => {
      const samples = new Samples();
      const n = options.iterations;
      for (let i = -Math.min(10, n); i < n; i++) {
        const { cookie, path, body } = paths[((i % paths.length) + paths.length) % paths.length] as Call;
        const t0 = performance.now();
        const res = await http.request(body === undefined ? 'GET' : 'POST', path, { cookie, body });
        const elapsed = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 200)}`);
        if (i >= 0) samples.add(elapsed);
      }
      figures.push({ name, samples, detail });
      options.log(
        `  ${name}: p50 ${samples.percentile(50).toFixed(1)} ms, p95 ${samples.percentile(95).toFixed(1)} ms`,
      );
    };
    if (!options.assistantOnly) {
      await listReads(p, office, liaisons, measure);
      const offices = await Promise.all(
        OFFICE_HOMES.map(
          async ([home, user]) => [home, user, await http.login(user, DEMO_PASSWORD)] as const,
        ),
      );
      await homeReads(
        p.units.map((u, i) => ({ name: u.name, cookie: liaisons[i] as string })),
        offices,
        measure,
      );
    }
    if (!options.noAssistant) await assistantReads(http, office, p.probes, measure, options.log);
  } finally {
    await http.close();
    rssMax = rss.stop().max;
    await server.stop();
  }
  return { figures, rssMax };
}

/** The unit's and the office's lists, an order's detail, keyword search and filtered lists. */
async function listReads(p: Params, office: string, liaisons: string[], measure: Measure) {
  const units = p.units.map((u, i) => ({ ...u, cookie: liaisons[i] as string }));
  const unitNote = units.map((u) => `${u.name} ${u.orders}`).join('、');
  await measure(
    'unit queue, first page (to do, by deadline)',
    `liaisons of the 4 busiest units (${unitNote} orders)`,
    units.map((u) => ({
      cookie: u.cookie,
      path: '/api/work-orders?state=pending_sign,return_requested,handling&sort=deadline',
    })),
  );
  await measure(
    "unit's orders, first page (newest)",
    'same units, no filter: count of all their orders + newest 20',
    units.map((u) => ({ cookie: u.cookie, path: '/api/work-orders' })),
  );
  await measure(
    'office list, first page (newest, no filter)',
    'the dispatcher: count of all orders + newest 20',
    [{ cookie: office, path: '/api/work-orders' }],
  );
  await measure(
    'order detail with timeline',
    `${p.ids.length} random orders as the dispatcher`,
    p.ids.map((id) => ({ cookie: office, path: `/api/work-orders/${id}` })),
  );
  await measure(
    'keyword search (office)',
    `${p.words.length} words: ${[...new Set(p.words.map((w) => w.kind))].join(', ')}`,
    p.words.map((w) => ({ cookie: office, path: `/api/work-orders?q=${encodeURIComponent(w.q)}` })),
  );
  for (const kind of ['topic', 'phrase', 'place', 'words', 'code', 'phone', 'name']) {
    await measure(
      `  search: ${kind} words`,
      p.words
        .filter((w) => w.kind === kind)
        .map((w) => w.q)
        .join('、'),
      p.words
        .filter((w) => w.kind === kind)
        .map((w) => ({ cookie: office, path: `/api/work-orders?q=${encodeURIComponent(w.q)}` })),
    );
  }
  const busy = units[0]?.id ?? 1;
  await measure(
    'filtered list (office)',
    '5 filter sets: state+type+channel+month, unit+state, urgency+quarter, redo+year, overdue',
    [
      {
        cookie: office,
        path: '/api/work-orders?state=closed&type=complaint&channel=city_platform&from=2025-06-01&to=2025-06-30',
      },
      { cookie: office, path: `/api/work-orders?unitId=${busy}&state=handling&sort=deadline` },
      { cookie: office, path: '/api/work-orders?urgency=urgent&from=2026-01-01&to=2026-03-31&sort=oldest' },
      { cookie: office, path: '/api/work-orders?redo=1&from=2025-01-01&to=2025-12-31' },
      { cookie: office, path: '/api/work-orders?due=overdue&sort=deadline' },
    ],
  );
}

/**
 * What the register form asks while a call is taken: the repeat check (same phone, same place,
 * similar text in the township; the office's 30-day window) and the dispatch suggestions, the
 * model first trained on the data set's last year as the server does on its schedule.
 */
async function assistantReads(
  http: Http,
  office: string,
  probes: Params['probes'],
  measure: Measure,
  log: (s: string) => void,
) {
  const started = performance.now();
  const kick = await http.request('POST', '/api/assistant/dispatch-model/retrain', { cookie: office });
  if (kick.status !== 202) throw new Error(`retrain: ${kick.status} ${kick.text.slice(0, 200)}`);
  let facts = '';
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const s = await http.request('GET', '/api/assistant/dispatch-model', { cookie: office });
    const status = JSON.parse(s.text) as { training: boolean; model: unknown; lastError: string | null };
    if (status.lastError) throw new Error(`training failed: ${status.lastError}`);
    if (!status.training && status.model) {
      facts = JSON.stringify(status.model);
      break;
    }
  }
  log(`  dispatch model trained in ${((performance.now() - started) / 1000).toFixed(0)} s: ${facts}`);
  await measure(
    'dispatch suggestions while typing',
    `${probes.length} titles and contents; model trained on the last year`,
    probes.map((o) => ({
      cookie: office,
      path: '/api/assistant/dispatch-suggestions',
      body: { title: o.title, content: o.content },
    })),
  );
  // Measured once the model is built: the server trains its first model a second after it starts
  // (a minute or two at 1M orders, on the same thread), and a check made meanwhile waits for it.
  await measure(
    'repeat check while registering',
    `${probes.length} probes from stored orders: phone + address + township + title/content`,
    probes.map((o) => ({
      cookie: office,
      path: '/api/assistant/repeats',
      body: {
        phone: o.citizen_phone,
        address: o.citizen_address,
        townshipUnitId: o.township_unit_id,
        categoryId: o.category_id,
        type: o.type,
        title: o.title,
        content: o.content,
      },
    })),
  );
}

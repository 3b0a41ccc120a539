/**
 * How fast the dispatch suggestions are with a model trained on a long history, for
 * docs/performance.md: `npx tsx bench/assistant/suggest-latency.ts [orders=300000]`.
 *
 * The history is the bench generator's text (bench/generate/text.ts: the demo county's matters
 * varied with places, people and extra sentences), each order labelled with its matter's lead
 * unit and category; one in twenty was first sent to another unit that returned it. The model
 * is trained exactly as the server does (DispatchTrainingSet → DispatchModel), then asked for
 * suggestions on 1,000 fresh messages, one at a time.
 */
import { readFileSync } from 'node:fs';
import { DispatchTrainingSet, type HistoricalOrder } from '../../src/domain/assistant/dispatch-examples.js';
import { DispatchModel } from '../../src/domain/assistant/dispatch-model.js';
import { jiebaSegmenter } from '../../src/domain/assistant/segmenter.js';
import { DEMO_ORDERS, DEMO_UNITS } from '../../src/setup/seed/demo-county.js';
import { Rng } from '../generate/rng.js';
import { content, place, title } from '../generate/text.js';

const total = Number(process.argv[2] ?? 300_000);
const rng = new Rng(42);
const TOWNS = ['河湾镇', '桥头镇', '柳林镇', '杏园乡', '石门乡', '马营乡', '清泉乡', '古城乡'];
const handling = DEMO_UNITS.filter((u) => u.kind === 'department' || u.kind === 'township');
const unitId = new Map(handling.map((u, i) => [u.code, i + 1]));
const categories = readFileSync(new URL('../../src/setup/seed/categories.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line, i) => ({ id: i + 1, path: line.split(',') as [string, string, string] }));
const categoryId = new Map(categories.map((c) => [c.path.join('/'), c.id]));

function order(id: number): { order: HistoricalOrder; returnedBy: number | null } {
  const t = rng.pick(DEMO_ORDERS);
  const p = place(rng, rng.pick(TOWNS));
  const lead = unitId.get(t.suggestedLeadUnitCode) ?? 1;
  const returnedBy = rng.chance(0.05) ? rng.int(1, handling.length) : null;
  return {
    order: {
      id,
      title: title(rng, t, p),
      content: content(rng, t, p),
      categoryId: categoryId.get(t.category.join('/')) ?? null,
      leadUnitId: lead,
    },
    returnedBy: returnedBy === lead ? null : returnedBy,
  };
}

const memory = () => `${Math.round(process.memoryUsage().heapUsed / 1e6)} MB heap`;
let started = performance.now();
const set = new DispatchTrainingSet(jiebaSegmenter);
set.addPriors(
  handling.map((u) => ({
    id: unitId.get(u.code) as number,
    name: u.name,
    remit: u.remit,
    remarks: '',
    synonyms: u.synonyms ?? [],
  })),
  categories,
);
// Newest first, in pages, as the repository streams them.
const PAGE = 5000;
for (let hi = total; hi > 0; hi -= PAGE) {
  const page = [];
  for (let id = hi; id > Math.max(0, hi - PAGE); id--) page.push(order(id));
  set.addReturns(page.flatMap((o) => (o.returnedBy ? [{ orderId: o.order.id, unitId: o.returnedBy }] : [])));
  set.addOrders(page.map((o) => o.order));
}
const readSeconds = (performance.now() - started) / 1000;
started = performance.now();
const model = await DispatchModel.train(
  set,
  jiebaSegmenter,
  {
    units: new Map(handling.map((u) => [unitId.get(u.code) as number, u.name])),
    categories: new Map(categories.map((c) => [c.id, c.path])),
  },
  new Date(),
);
const trainSeconds = (performance.now() - started) / 1000;

const queries = Array.from({ length: 1000 }, (_, i) => order(total + i + 1).order);
const times: number[] = [];
let right = 0;
for (const q of queries) {
  const t0 = performance.now();
  const s = model.suggest(q.title, q.content);
  times.push(performance.now() - t0);
  if (s.units[0]?.unitId === q.leadUnitId) right++;
}
times.sort((a, b) => a - b);
const at = (p: number) =>
  (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(2);
console.log(
  `history: ${total} orders generated; ${set.orders} kept as examples (per-class caps), ${set.returns} returns`,
);
console.log(
  `examples: ${set.units.length} unit, ${set.categories.length} category; features+examples built in ${readSeconds.toFixed(1)} s`,
);
console.log(
  `training: ${trainSeconds.toFixed(1)} s (${model.facts.units} units, ${model.facts.categories} categories); ${memory()}`,
);
console.log(
  `suggestion latency over 1000 messages: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
);
console.log(
  `top-1 lead unit right on ${((100 * right) / queries.length).toFixed(1)}% of fresh generated messages`,
);

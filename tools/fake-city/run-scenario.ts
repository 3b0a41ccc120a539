import { runScenario } from './scenario.js';

/** `npm run city:scenario [count]`: the end-to-end check at full size (SQLite file), printing its figures. */
const count = Number(process.argv[2] ?? 1000);
const figures = await runScenario({
  count,
  huiyinPort: 8226,
  cityPort: 8227,
  log: (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`),
});
console.log(JSON.stringify(figures, null, 2));

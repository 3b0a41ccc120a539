import { runScenario } from './scenario.js';

/** `npm run city:scenario [count] [postgres-url]`: the end-to-end check at full size, printing its figures. */
const count = Number(process.argv[2] ?? 1000);
const postgresUrl = process.argv[3];
const figures = await runScenario({
  count,
  huiyinPort: 8214,
  cityPort: 8225,
  ...(postgresUrl ? { postgresUrl } : {}),
  log: (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`),
});
console.log(JSON.stringify(figures, null, 2));

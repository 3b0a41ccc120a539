import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runScenario, scenarioFailures } from '../../tools/fake-city/scenario.js';

/**
 * Issue 10's check, at a size the suite can afford (`npm run city:scenario` runs 1,000): a real
 * Huiyin process, killed once and restarted, on the database the suite runs on (a SQLite file,
 * or a fresh schema of TEST_DATABASE_URL's PostgreSQL server); the city sends orders with its
 * API client's key, resends one in ten and fails one results request in twenty. Alone it takes
 * about a minute; the time limit allows for two server starts inside a whole suite on two cores.
 */
const COUNT = 40;

/** A port nobody listens on now (the server process needs a number before it starts). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('the city link end to end', () => {
  it(`${COUNT} orders from the city, each handled to the end: every order once, every result once`, {
    timeout: 420_000,
  }, async () => {
    const figures = await runScenario({
      count: COUNT,
      dupRate: 0.1,
      failRate: 0.05,
      kills: 1,
      huiyinPort: await freePort(),
      cityPort: 0,
      ...(process.env.TEST_DATABASE_URL ? { postgresUrl: process.env.TEST_DATABASE_URL } : {}),
    });
    expect(figures.database).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
    expect(scenarioFailures(figures)).toEqual([]);
    expect(figures.kills).toBe(1);
    expect(figures.cityResultsPerOrder).toEqual({ 'signed,replied,closed': COUNT });
    // The faults did happen: the city sent orders twice, answers were lost (so Huiyin resent), and
    // results died while the city was down (so the office resent them).
    expect(figures.ordersPushed).toBe(COUNT + COUNT / 10);
    expect(figures.duplicatesDropped).toBeGreaterThan(0);
    expect(figures.deadLettersResent).toBeGreaterThan(0);
  });
});

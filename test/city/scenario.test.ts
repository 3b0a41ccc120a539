import { describe, expect, it } from 'vitest';
import { runScenario } from '../../tools/fake-city/scenario.js';

/**
 * Issue 10's check, at a size the suite can afford (`npm run city:scenario` runs 1,000): a real
 * Huiyin process killed twice, a city that resends, reorders, fails and goes down. The server
 * runs on a SQLite file whichever database the suite runs on (the link's PostgreSQL behaviour is
 * checked in city-link and city-sync).
 */
const COUNT = 120;

describe('the city link end to end', () => {
  it(`${COUNT} orders from the city, each handled to the end: every order once, every result once`, {
    timeout: 240_000,
  }, async () => {
    const figures = await runScenario({
      count: COUNT,
      huiyinPort: 8214,
      cityPort: 8225,
      ...(process.env.TEST_DATABASE_URL ? { postgresUrl: process.env.TEST_DATABASE_URL } : {}),
    });
    console.log(JSON.stringify(figures));
    expect(figures.kills).toBe(2);
    expect(figures.huiyinOrders).toBe(COUNT);
    expect(figures.huiyinDistinctCityOrders).toBe(COUNT);
    expect(figures.cityResultsPerOrder).toEqual({ 'signed,replied,closed': COUNT });
    expect(figures.resultsKept).toBe(3 * COUNT);
    expect(figures.outOfOrder).toBe(0);
    // The faults did happen: answers were lost (so Huiyin resent) and results died during the outage.
    expect(figures.duplicatesDropped).toBeGreaterThan(0);
    expect(figures.deadLettersAtEnd).toBe(0);
    expect(figures.reconciliationDifferences).toBe(0);
  });
});

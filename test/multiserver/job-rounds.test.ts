import { describe, expect, it } from 'vitest';
import { JobRounds } from '../../src/jobs/job-rounds.js';

describe("a process's record of its background jobs", () => {
  it('counts rounds and failed rounds per job, with when the last one ended', () => {
    const jobs = new JobRounds();
    expect(jobs.snapshot()).toEqual({});
    jobs.ended('deadlineWatcher', new Date('2026-03-02T01:00:00Z'), true);
    jobs.ended('deadlineWatcher', new Date('2026-03-02T01:00:01Z'), false);
    jobs.ended('deliveryWorker', new Date('2026-03-02T01:00:02Z'), true);
    expect(jobs.snapshot()).toEqual({
      deadlineWatcher: { rounds: 2, failures: 1, lastEndedAt: '2026-03-02T01:00:01.000Z' },
      deliveryWorker: { rounds: 1, failures: 0, lastEndedAt: '2026-03-02T01:00:02.000Z' },
    });
  });

  it('hands out copies: a reader cannot change the record', () => {
    const jobs = new JobRounds();
    jobs.ended('citySync', new Date('2026-03-02T01:00:00Z'), true);
    const seen = jobs.snapshot();
    (seen.citySync as { rounds: number }).rounds = 99;
    expect(jobs.snapshot().citySync?.rounds).toBe(1);
  });
});

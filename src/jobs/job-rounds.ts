/** The background jobs a server process runs (jobs/scheduler.ts), by the names the health check uses. */
export const JOB_NAMES = [
  'deadlineWatcher',
  'deliveryWorker',
  'cityDelivery',
  'citySync',
  'assistantRetraining',
  'housekeeping',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What the health check tells of one background job in this process. */
export interface JobRound {
  /** Rounds ended since the process started, failed ones included. */
  rounds: number;
  failures: number;
  /** When the last round ended (ISO 8601), or null before the first. */
  lastEndedAt: string | null;
}

/**
 * Each background job's rounds in this process (the scheduler records them; `/api/health` shows
 * them). With several server processes on one database each answers for its own, so an operator
 * sees that every process's deadline watcher and workers are turning, and how often they fail.
 */
export class JobRounds {
  private readonly jobs = new Map<JobName, JobRound>();

  ended(name: JobName, at: Date, ok: boolean): void {
    const job = this.jobs.get(name) ?? { rounds: 0, failures: 0, lastEndedAt: null };
    job.rounds += 1;
    if (!ok) job.failures += 1;
    job.lastEndedAt = at.toISOString();
    this.jobs.set(name, job);
  }

  /** A copy, by job name; empty when no job runs in this process (the tests' apps, the tools). */
  snapshot(): Partial<Record<JobName, JobRound>> {
    return Object.fromEntries([...this.jobs].map(([name, job]) => [name, { ...job }]));
  }
}

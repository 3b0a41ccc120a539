import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/**
 * A server under test in its own process (the load generator stays in the bench's process, as
 * a browser would be elsewhere): a JavaScript build as `npm start` runs the product, or a
 * TypeScript script through tsx (the bare routes).
 */
export interface Child {
  process: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

export async function startChild(
  script: string,
  env: Record<string, string>,
  execArgv: string[] = [],
  /** Where the child's standard output goes (the server's request log), instead of the bench's own. */
  stdoutFile?: string,
): Promise<Child> {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'inherit';
  const child = fork(script, [], {
    execArgv: [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  // The child holds its own copy of the descriptor.
  if (typeof out === 'number') closeSync(out);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 120 s`)), 120_000);
    child.once('message', (m: { port?: number }) => {
      clearTimeout(timer);
      if (m.port) resolve(m.port);
      else reject(new Error(`${script}: ${JSON.stringify(m)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}`));
    });
  });
  return {
    process: child,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.send({ stop: true });
      }),
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest seen. */
export function sampleRss(pid: number, everyMs = 200) {
  let max = 0;
  let last = 0;
  const tick = () => {
    try {
      last = rssOf(pid);
      max = Math.max(max, last);
    } catch {
      // the process has ended
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop(): { max: number; last: number } {
      clearInterval(timer);
      tick();
      return { max, last };
    },
  };
}

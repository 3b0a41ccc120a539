import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptOpenFile, WalSync } from '../../src/db/wal-sync.js';

/** A sync the test finishes by hand: each call waits until `finish()`, or fails with `fail()`. */
function heldSyncs() {
  const calls: Array<{ finish: () => void; fail: (e: Error) => void }> = [];
  const syncFile = () =>
    new Promise<void>((finish, fail) => {
      calls.push({ finish, fail });
    });
  return { syncFile, calls };
}

const openFiles = () => readdirSync('/proc/self/fd').length;

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Whether a promise has settled yet, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await tick();
  return done;
}

describe('the write-ahead log synced in groups (WalSync)', () => {
  it('answers at once when nothing was written since the last sync', async () => {
    const { syncFile, calls } = heldSyncs();
    const wal = new WalSync('/nowhere-wal', syncFile, 60_000);
    await wal.durable();
    expect(calls).toHaveLength(0);
  });

  it('waits for a sync after a write, and writes made while it waits share it', async () => {
    const { syncFile, calls } = heldSyncs();
    const wal = new WalSync('/nowhere-wal', syncFile, 60_000);
    expect(wal.pending()).toBe(false);
    wal.noteWrite();
    expect(wal.pending()).toBe(true);
    const first = wal.durable();
    expect(await settled(first)).toBe(false);
    expect(calls).toHaveLength(1);
    // Written after that sync began: it cannot count on it, and waits for the next one.
    wal.noteWrite();
    const second = wal.durable();
    wal.noteWrite();
    const third = wal.durable();
    calls[0]?.finish();
    await first;
    expect(await settled(second)).toBe(false);
    expect(await settled(third)).toBe(false);
    // One more sync for both.
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    await Promise.all([second, third]);
    expect(wal.pending()).toBe(false);
    expect(calls).toHaveLength(2);
    await wal.durable();
    expect(calls).toHaveLength(2);
  });

  it('a failed sync fails the answers waiting on it, and the next wait tries again', async () => {
    const { syncFile, calls } = heldSyncs();
    const wal = new WalSync('/nowhere-wal', syncFile, 60_000);
    wal.noteWrite();
    const waiting = wal.durable();
    calls[0]?.fail(new Error('EIO'));
    await expect(waiting).rejects.toThrow('EIO');
    const again = wal.durable();
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    await again;
  });

  it('syncs a write no one waits for within its idle delay', async () => {
    const { syncFile, calls } = heldSyncs();
    const wal = new WalSync('/nowhere-wal', syncFile, 5);
    wal.noteWrite();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await wal.close();
  });

  it('syncs a real file through one handle kept open, and a log that is not there is nothing to sync', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-wal-'));
    const log = new KeptOpenFile(join(dir, 'x.db-wal'));
    try {
      const before = openFiles();
      await log.sync();
      expect(openFiles()).toBe(before);
      writeFileSync(join(dir, 'x.db-wal'), 'frames');
      for (let i = 0; i < 5; i++) await log.sync();
      expect(openFiles()).toBe(before + 1);
      await log.close();
      expect(openFiles()).toBe(before);
    } finally {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after the disk refuses one sync of the kept log, refuses every later one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-wal-'));
    const path = join(dir, 'x.db-wal');
    writeFileSync(path, 'frames');
    let opened = 0;
    let refusals = 1;
    // The disk refuses the first write-back only, as a failing sector remapped afterwards would:
    // Linux reports the lost pages once, so a later sync that succeeds proves nothing about them.
    const log = new KeptOpenFile(path, async (p) => {
      opened++;
      const handle = await open(p, 'r');
      const datasync = handle.datasync.bind(handle);
      handle.datasync = async () => {
        if (refusals-- > 0) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        return datasync();
      };
      return handle;
    });
    try {
      await expect(log.sync()).rejects.toThrow('EIO');
      await expect(log.sync()).rejects.toThrow('EIO');
      await expect(log.sync()).rejects.toThrow('EIO');
      expect(opened).toBe(1);
    } finally {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the log it kept open when it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-wal-'));
    try {
      writeFileSync(join(dir, 'x.db-wal'), 'frames');
      const before = openFiles();
      const wal = new WalSync(join(dir, 'x.db-wal'));
      wal.noteWrite();
      await wal.durable();
      expect(wal.pending()).toBe(false);
      expect(openFiles()).toBe(before + 1);
      await wal.close();
      expect(openFiles()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { createHmac } from 'node:crypto';
import type { NewAuditRow } from '../../db/repositories/audit.repository.js';

/** What an entry's MAC covers: every column a reader relies on, its place, and the previous entry's MAC. */
export interface ChainedContent extends NewAuditRow {
  seq: number;
  prev_mac: string;
}

/**
 * HMAC-SM3 (GB/T 32905, OpenSSL's `sm3` in Node) over the entry's content in a fixed order and
 * the previous entry's MAC: editing, inserting or deleting an entry in the database breaks the
 * MAC of that entry or the link of the next, and only a holder of the key could re-seal it.
 */
export function chainMac(key: Buffer, c: ChainedContent): string {
  const content = JSON.stringify([
    c.seq,
    c.at,
    c.user_id,
    c.username,
    c.action,
    c.target,
    c.detail,
    c.before_json,
    c.after_json,
    c.ip,
    c.prev_mac,
  ]);
  return createHmac('sm3', key).update(content).digest('hex');
}

export interface StoredEntry extends Omit<ChainedContent, 'seq' | 'prev_mac'> {
  id: number;
  seq: number | null;
  prev_mac: string | null;
  mac: string | null;
}

export type ChainBreak = { id: number; seq: number | null; at: string; reason: string };

/**
 * Checks a run of entries that follows (prevSeq, prevMac): numbering without gaps, each linked to
 * the one before, each MAC right. Returns the first broken entry with the reason in Chinese.
 */
export function firstBreak(
  key: Buffer,
  entries: readonly StoredEntry[],
  prev: { seq: number; mac: string },
): ChainBreak | null {
  let { seq, mac } = prev;
  for (const e of entries) {
    const where = { id: e.id, seq: e.seq, at: e.at };
    if (e.seq === null || e.mac === null || e.prev_mac === null)
      return { ...where, reason: '该条目没有链上的编号或校验码（可能被直接写入数据库）。' };
    if (e.seq !== seq + 1)
      return { ...where, reason: `编号不连续：应为 ${seq + 1}，实为 ${e.seq}（之前的条目可能被删除）。` };
    if (e.prev_mac !== mac) return { ...where, reason: '与上一条目的链接不符（上一条目可能被删除或替换）。' };
    const expected = chainMac(key, { ...e, seq: e.seq, prev_mac: e.prev_mac });
    if (expected !== e.mac) return { ...where, reason: '内容与校验码不符（该条目在写入后被修改）。' };
    seq = e.seq;
    mac = e.mac;
  }
  return null;
}

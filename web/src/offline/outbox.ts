import { useSyncExternalStore } from 'react';
import type { Action } from '../api/types';

/**
 * The outbox: workflow steps taken while the phone had no connection, kept on the device per
 * user (localStorage) until the server has answered them. Each carries the order's version it
 * was taken on, so the server still detects a change made meanwhile (409) and never applies a
 * step twice: once applied, the version has moved on and a resend is refused.
 */
export interface OutboxItem {
  id: string;
  orderId: number;
  orderCode: string;
  orderTitle: string;
  action: Action;
  /** The request body, `version` included. */
  body: Record<string, unknown> & { version: number };
  /** The newest timeline event the user had seen: a send whose answer was lost is recognised by what follows it. */
  lastEventId: number;
  queuedAt: string;
  state: 'pending' | 'failed';
  /** A send was started but its answer never came: it may have reached the server. */
  uncertain?: boolean;
  error?: { status: number; code: string; message: string; details: unknown };
}

/**
 * The steps that may wait for the connection: the liaison's own, which depend on nothing but the
 * order's version and what was typed (any file is uploaded before). Steps that read other live
 * data as they are taken (dispatch suggestions, extension dates, returns within their window,
 * review and callback by the office) need the connection.
 */
export const QUEUEABLE: ReadonlySet<Action> = new Set<Action>([
  'sign',
  'coSign',
  'reportProgress',
  'coOpinion',
  'reply',
  'submitForSignOff',
]);

/** The timeline event each queueable step records: how a lost answer is recognised later. */
export const EVENT_OF: Partial<Record<Action, string>> = {
  sign: 'signed',
  coSign: 'co_signed',
  reportProgress: 'progress_reported',
  coOpinion: 'co_opinion_given',
  reply: 'replied',
  submitForSignOff: 'sign_off_requested',
};

const key = (userId: number) => `huiyin:outbox:${userId}`;
const listeners = new Set<() => void>();
const snapshots = new Map<number, { raw: string | null; items: OutboxItem[] }>();

export function readOutbox(userId: number): OutboxItem[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(key(userId));
  } catch {
    // storage disabled: an empty outbox
  }
  const cached = snapshots.get(userId);
  if (cached && cached.raw === raw) return cached.items;
  let items: OutboxItem[] = [];
  try {
    items = raw ? (JSON.parse(raw) as OutboxItem[]) : [];
  } catch {
    items = [];
  }
  snapshots.set(userId, { raw, items });
  return items;
}

/** Changes the outbox in one step; throws when the device cannot store it (the step is then not queued). */
export function updateOutbox(userId: number, change: (items: OutboxItem[]) => OutboxItem[]): void {
  const next = change(readOutbox(userId));
  if (next.length === 0) localStorage.removeItem(key(userId));
  else localStorage.setItem(key(userId), JSON.stringify(next));
  for (const fn of listeners) fn();
}

export function enqueue(userId: number, item: Omit<OutboxItem, 'id' | 'queuedAt' | 'state'>): OutboxItem {
  const full: OutboxItem = {
    ...item,
    // randomUUID exists only in a secure context; on plain HTTP a time and a random part do.
    id: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`,
    queuedAt: new Date().toISOString(),
    state: 'pending',
  };
  updateOutbox(userId, (items) => [...items, full]);
  return full;
}

export function removeItem(userId: number, id: string): void {
  updateOutbox(userId, (items) => items.filter((i) => i.id !== id));
}

function subscribe(changed: () => void): () => void {
  listeners.add(changed);
  // Another tab of the app changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('huiyin:outbox:')) changed();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(changed);
    window.removeEventListener('storage', onStorage);
  };
}

/** The user's outbox, kept current. */
export function useOutbox(userId: number): OutboxItem[] {
  return useSyncExternalStore(subscribe, () => readOutbox(userId));
}

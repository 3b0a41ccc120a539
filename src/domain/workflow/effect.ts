import { AppRefusal } from '../refusal.js';
import { meaningfulLength, withoutInvisible } from '../visible-text.js';
import type { AssignmentChange, DecidedEvent, EventType, OrderPatch } from './decision.js';
import { type EventOf, type EventPayloads, eventOf } from './event-payloads.js';

/** What one action changes on an order: its fields, its assignments and its timeline events. */
export interface Effect {
  patch?: OrderPatch;
  assignments?: AssignmentChange[];
  events: DecidedEvent[];
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>): never => {
  throw new AppRefusal(code, message, details, 'invalid');
};

export function requireText(
  value: string | undefined | null,
  min: number,
  code: string,
  message: string,
): string {
  const text = withoutInvisible(value ?? '');
  // Letters and digits only: punctuation and invisible characters are not words.
  if (meaningfulLength(text) < min) invalid(code, message);
  return text;
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const one = <T extends EventType>(type: T, payload: EventPayloads[T]): EventOf<T>[] => [
  eventOf(type, payload),
];

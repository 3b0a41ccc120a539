import type { DecidedEvent, EventPayloads, EventType } from '../../src/domain/workflow/index.js';

/** The payload of an event the test expects to be of `type` (fails the test otherwise). */
export function payloadOf<T extends EventType>(event: DecidedEvent | undefined, type: T): EventPayloads[T] {
  if (event?.type !== type) throw new Error(`expected a ${type} event, got ${event?.type}`);
  // The check above is the narrowing TypeScript cannot follow for a generic T.
  return event.payload as EventPayloads[T];
}

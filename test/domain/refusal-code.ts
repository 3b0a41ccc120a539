import { expect } from 'vitest';
import { AppRefusal } from '../../src/domain/refusal.js';

/**
 * The stable code a domain rule refuses with (its message checked to be Chinese), or undefined
 * when it accepts. Anything thrown that is not a refusal is a bug and fails the test.
 */
export function refusalCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppRefusal)) throw e;
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    return e.code;
  }
  return undefined;
}

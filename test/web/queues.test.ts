import { describe, expect, it } from 'vitest';
import { HOME_QUEUES } from '../../web/src/features/workbench/queues.js';

const tab = (home: keyof typeof HOME_QUEUES, key: string) =>
  HOME_QUEUES[home].tabs.find((t) => t.key === key);

describe("a unit's home tabs", () => {
  it('待签发 is red for the leaders who sign off, grey for the liaisons who can only wait', () => {
    expect(tab('unit', 'sign_off')?.urgent ?? false).toBe(false);
    expect(tab('unitLeader', 'sign_off')?.urgent).toBe(true);
    expect(tab('mainLeader', 'sign_off')?.urgent).toBe(true);
  });

  it("the lead's tabs ask for the orders the unit leads; 协办 for parts still owing an opinion", () => {
    for (const key of ['handling', 'sign_off', 'due_soon', 'overdue', 'progress', 'redo'])
      expect(tab('unit', key)?.query.role, key).toBe('lead');
    expect(tab('unit', 'co')?.query).toMatchObject({ coPart: 'open' });
    expect(tab('unit', 'sign')?.query.role).toBeUndefined();
  });
});

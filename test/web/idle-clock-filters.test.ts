import { describe, expect, it } from 'vitest';
import { deskFilterBoxes, idleClockFilters } from '../../web/src/features/orders/filterFields';
import { HOME_QUEUES } from '../../web/src/features/workbench/queues';

const office = false;
const unit = true;

/** A filter bar offers only the clocks some order of its list can be on. */
describe('the clock filters a list leaves out', () => {
  it('keeps every clock where any order may show (工单查询 for the office)', () => {
    expect(idleClockFilters({}, office)).toEqual([]);
  });

  it('never offers a unit the office’s dispatch clock', () => {
    expect(idleClockFilters({}, unit)).toEqual(['dispatch']);
    for (const queue of [HOME_QUEUES.unit, HOME_QUEUES.unitLeader, HOME_QUEUES.mainLeader])
      for (const tab of queue.tabs) expect(idleClockFilters(tab.query, unit)).toContain('dispatch');
  });

  it('leaves the reviewer’s 待审核 and 已办结 without the unit’s clock or the dispatch clock', () => {
    const [review, , redo, closed] = HOME_QUEUES.reviewer.tabs;
    expect(idleClockFilters(review?.query ?? {}, office)).toEqual(['dispatch', 'due', 'progress']);
    expect(idleClockFilters(closed?.query ?? {}, office)).toEqual(['dispatch', 'due', 'progress']);
    // Orders being redone are on the unit's clock again: 时限 and 进展报告 stay.
    expect(idleClockFilters(redo?.query ?? {}, office)).toEqual(['dispatch']);
  });

  it('gives the dispatcher’s 待派发 its own clock only, and its 超期 the unit’s only', () => {
    const tab = (key: string) => HOME_QUEUES.dispatcher.tabs.find((t) => t.key === key)?.query ?? {};
    expect(idleClockFilters(tab('dispatch'), office)).toEqual(['due', 'progress']);
    expect(idleClockFilters(tab('overdue'), office)).toEqual(['dispatch']);
    expect(idleClockFilters(tab('dispatch_late'), office)).toEqual(['due', 'progress']);
  });

  it('draws the start-up bar without them, as the app does', () => {
    const texts = (hide: Parameters<typeof deskFilterBoxes>[0]) => deskFilterBoxes(hide).map((b) => b.text);
    expect(texts(['state', 'sort', 'dispatch', 'due', 'progress'])).not.toContain('分发时限');
    expect(texts(['state', 'sort'])).toEqual(expect.arrayContaining(['时限', '分发时限', '进展报告']));
  });
});

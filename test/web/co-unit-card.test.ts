import { describe, expect, it } from 'vitest';
import type { OrderListItem } from '../../web/src/api/types';
import { cardDeadline, listBadges, rowDeadline } from '../../web/src/features/orders/badges';

const order = (over: Partial<OrderListItem>): OrderListItem => ({
  id: 1,
  code: 'HY202611240001',
  title: '上柳村三社饮水管道冻裂断水',
  state: 'pending_sign',
  stateLabel: '待签收',
  type: 'help',
  urgency: 'urgent',
  channel: 'phone',
  citizenName: '张先生',
  confidential: false,
  leadUnit: { id: 8, name: '县水务局' },
  createdAt: '2026-11-23T23:39:00.000Z',
  dispatchedAt: '2026-11-23T23:39:00.000Z',
  signBy: '2026-11-24T00:39:00.000Z',
  signStatus: 'overdue',
  handleBy: '2026-11-24T23:39:00.000Z',
  coUnitBy: '2026-11-24T11:39:00.000Z',
  coUnitStatus: null,
  deadlineStatus: 'overdue',
  dispatchBy: null,
  dispatchStatus: null,
  progressDueAt: null,
  progressMissed: false,
  decision: null,
  redoCount: 0,
  returnCount: 0,
  version: 3,
  ...over,
});
const township = { unitId: 22, unitKind: 'township' };
const lead = { unitId: 8, unitKind: 'department' };
const labels = (o: OrderListItem, me: typeof lead, kind: 'handle' | 'sign') =>
  listBadges(o, cardDeadline(o, me, kind).badge).map((b) => b.label);

describe('a co-unit’s card says its own clock, not the lead’s', () => {
  it('shows the co-unit its 协办期限 running out or past, in 待签收 and in every other list', () => {
    for (const kind of ['sign', 'handle'] as const) {
      const late = order({ coUnitStatus: 'overdue' });
      expect(cardDeadline(late, township, kind)).toMatchObject({ label: '协办期限', at: late.coUnitBy });
      expect(labels(late, township, kind)).toEqual(['待签收', '已超时', '急件']);
      expect(labels(order({ coUnitStatus: 'due_soon' }), township, kind)).toContain('即将超时');
    }
    // The desk's table says the same, in 待签收 and in the handling deadline's column.
    for (const kind of ['sign', 'handle'] as const)
      expect(
        rowDeadline(order({ state: 'handling', coUnitStatus: 'overdue' }), township, kind),
      ).toMatchObject({
        label: '协办期限',
        badge: { label: '已超时' },
      });
  });

  it('shows nothing of the lead’s lateness once the co-unit has given its opinion', () => {
    const done = order({ state: 'handling', coUnitStatus: null });
    expect(labels(done, township, 'handle')).toEqual(['办理中', '急件']);
  });

  it('shows the lead its own clocks as before', () => {
    expect(labels(order({}), lead, 'sign')).toEqual(['待签收', '已超时', '急件']);
    expect(labels(order({}), lead, 'handle')).toEqual(['待签收', '超期', '急件']);
    expect(cardDeadline(order({}), lead, 'sign')).toMatchObject({ label: '签收期限' });
  });
});

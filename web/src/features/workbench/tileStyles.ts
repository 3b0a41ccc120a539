/**
 * How a phone's queue tiles look: a grid of four, the selected one in the brand's blue, a count
 * in red when an urgent tab is not empty. Read by the app's tiles (PhoneTiles.tsx) and by the
 * start-up script's drawing of the same screen (early/queueView.ts), so the two stay in step and
 * the app takes over without a tile moving or changing colour. Plain objects of CSS properties,
 * lengths written with their unit, so React and `element.style` read them alike.
 */

const BLUE = '#1668dc';
const ALARM = '#cf1322';

export const tileGridStyle = {
  display: 'grid',
  gridTemplateColumns: 'repeat(4, 1fr)',
  gap: '6px',
  marginBottom: '12px',
} as const;

export const tileStyle = (selected: boolean) =>
  ({
    border: `1px solid ${selected ? BLUE : '#e5e7eb'}`,
    background: selected ? '#e8f1ff' : '#fff',
    borderRadius: '8px',
    padding: '6px 2px',
    minHeight: '52px',
  }) as const;

/**
 * The count of an urgent tab (overdue, urgent orders) is red when it is not zero: the one place
 * this rule is written. The colour is cleared, not left out, when it does not apply, so a drawn
 * count restyled after a new figure loses a red it no longer has.
 */
export const tileCountStyle = (tab: { urgent?: boolean }, count: number | null | undefined) =>
  ({ fontSize: '18px', display: 'block', color: tab.urgent === true && count ? ALARM : '' }) as const;

export const tileLabelStyle = (selected: boolean) =>
  ({ fontSize: '12px', ...(selected ? { color: BLUE } : {}) }) as const;

/**
 * The ground of a desk tab's count badge (QueueTabs.tsx, early/deskView.ts): the same red as a
 * phone's urgent count when an urgent tab is not empty, grey otherwise. Both dark enough for the
 * badge's small white figures (WCAG 1.4.3: 5.7:1 and 7:1; Ant Design's #f5222d and #8c8c8c gave
 * 3.9:1 and 3.4:1).
 */
export const tabCountColour = (tab: { urgent?: boolean }, count: number) =>
  tab.urgent === true && count > 0 ? ALARM : '#595959';

/**
 * The gap between the desk's queue tabs (Ant Design's default is 32 px). The office's eleven tabs
 * fit a 1366-pixel desk at 16: an overflowing bar puts Ant Design's 「更多」 button inside the tab
 * list, which screen readers cannot follow (axe: aria-required-children). The start-up script's
 * drawn tabs (early/deskView.ts) use the same gap, so the app takes over without a tab moving.
 */
export const DESK_TAB_GUTTER = 16;

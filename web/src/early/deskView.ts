import { formatDeadline, formatInstant } from '../../../src/domain/deadline-text';
import { ORDER_TYPE_LABELS } from '../../../src/domain/workflow/states';
import type { Me, OrderCounts, OrderList, OrderListItem, OrderQuery } from '../api/types';
import { menuEntriesFor } from '../app/menuEntries';
import {
  type Badge,
  deadlineTitle,
  type ListDeadline,
  ORDER_TABLE_COLUMNS,
  rowDeadline,
  stateBadge,
  tableBadges,
} from '../features/orders/badges';
import {
  deskFilterBoxes,
  FILTER_WIDTHS,
  type FilterBox,
  idleClockFilters,
} from '../features/orders/filterFields';
import type { HomeQueue } from '../features/workbench/queues';
import { DESK_TAB_GUTTER, tabCountColour } from '../features/workbench/tileStyles';
import { el, emptyNote, overlay, queueCard, secondary, text } from './dom';
import { VIEW_ID } from './handover';

/**
 * A desk's queue drawn by the start-up script (queueView.ts tells when): the app's frame
 * (Shell.tsx), the queue's tabs (QueueTabs.tsx), its filter bar (OrderFilters.tsx) and the first
 * page as the app's table (OrderTable.tsx), in the same Ant Design classes and sizes, so that each
 * order sits where the app will draw it. The menu on the left is the user's (menuEntries.ts), its
 * icons left blank until the app draws them.
 */

function header(me: Me): HTMLElement {
  return el(
    'header',
    {
      class: 'ant-layout-header huiyin',
      style:
        'display:flex;align-items:center;gap:12px;padding:0 24px;background:#fff;border-bottom:1px solid #eef0f3',
    },
    text(
      'font-size:18px;white-space:nowrap',
      el(
        'strong',
        {},
        el('span', { style: 'color:#1668dc' }, '回音'),
        el('span', { style: 'font-weight:400;margin-left:8px' }, '12345 市民服务热线工单承办系统'),
      ),
    ),
    el('div', { style: 'flex:1' }),
    // Where the app's notification bell will be.
    el('span', { style: 'width:32px;flex:none' }),
    el(
      'span',
      {
        class: 'ant-btn huiyin ant-btn-text ant-btn-color-default ant-btn-variant-text',
        style: 'cursor:default',
      },
      el('span', { class: 'ant-btn-icon' }, el('span', { style: 'display:inline-block;width:14px' })),
      el('span', {}, me.name),
      secondary('', ` · ${me.roleLabels[0] ?? ''}`),
    ),
  );
}

/**
 * The user's menu as Shell.tsx's Menu draws it, each entry a link (a click is held for the app,
 * handover.ts). The home is the selected entry: a desk's queue is drawn only at '/'.
 */
function menu(me: Me): HTMLElement {
  return el(
    'nav',
    { 'aria-label': '主菜单' },
    el(
      'ul',
      {
        class: 'ant-menu ant-menu-root ant-menu-inline ant-menu-light huiyin ant-menu-css-var',
        style: 'border-inline-end:0',
      },
      ...menuEntriesFor(me).map((entry) => {
        const home = entry.key === '/';
        return el(
          'li',
          { class: `ant-menu-item${home ? ' ant-menu-item-selected' : ''}`, style: 'padding-left:24px' },
          // Where the app's icon will be: Ant Design's icons come with the app.
          el(
            'span',
            { class: 'anticon ant-menu-item-icon', 'aria-hidden': 'true' },
            el('span', { style: 'display:inline-block;width:1em;height:1em' }),
          ),
          el(
            'span',
            { class: 'ant-menu-title-content' },
            el('a', { href: entry.key, ...(home ? { 'aria-current': 'page' } : {}) }, entry.label),
          ),
        );
      }),
    ),
  );
}

function tab(t: HomeQueue['tabs'][number], selected: boolean, first: boolean): HTMLElement {
  return el(
    'div',
    {
      class: `ant-tabs-tab${selected ? ' ant-tabs-tab-active' : ''}`,
      'data-node-key': t.key,
      // As QueueTabs.tsx's tabBarGutter: the gap before every tab but the first.
      ...(first ? {} : { style: `margin-left:${DESK_TAB_GUTTER}px` }),
    },
    el(
      'a',
      {
        class: 'ant-tabs-tab-btn',
        href: selected ? '/' : `/?tab=${t.key}`,
        ...(selected ? { 'aria-current': 'page' } : {}),
        style: `text-decoration:none${selected ? '' : ';color:inherit'}`,
      },
      el('span', {}, t.label),
    ),
  );
}

function tabs(queue: HomeQueue): HTMLElement {
  const first = queue.tabs[0]?.key;
  return el(
    'div',
    { class: 'ant-tabs ant-tabs-top huiyin ant-tabs-css-var' },
    el(
      'nav',
      { class: 'ant-tabs-nav', 'aria-label': '工单分类' },
      el(
        'div',
        { class: 'ant-tabs-nav-wrap' },
        el(
          'div',
          { class: 'ant-tabs-nav-list' },
          ...queue.tabs.map((t, i) => tab(t, t.key === first, i === 0)),
          el('div', { class: 'ant-tabs-ink-bar', style: 'transform:translateX(-50%)' }),
        ),
      ),
    ),
  );
}

/**
 * Puts the selected tab's underline under it, as Ant Design does once the tabs are laid out: once
 * the view is drawn, and again when the counts have widened the tabs.
 */
export function fitDeskView() {
  const selected = document.querySelector<HTMLElement>(`#${VIEW_ID} .ant-tabs-tab-active`);
  const bar = document.querySelector<HTMLElement>(`#${VIEW_ID} .ant-tabs-ink-bar`);
  if (!selected || !bar) return;
  bar.style.width = `${selected.offsetWidth}px`;
  bar.style.left = `${selected.offsetLeft + selected.offsetWidth / 2}px`;
}

/** A filter as it first shows (its placeholder or its default), not yet something to click. */
const filterBox = (f: FilterBox) =>
  el(
    'div',
    {
      class:
        'ant-select ant-select-outlined huiyin ant-select-css-var ant-select-single ant-select-show-arrow',
      style: f.width ? `width:${f.width}px` : `min-width:${f.minWidth}px`,
    },
    f.value
      ? el('div', { class: 'ant-select-content ant-select-content-has-value' }, f.text)
      : el('div', { class: 'ant-select-content' }, el('div', { class: 'ant-select-placeholder' }, f.text)),
    el('div', { class: 'ant-select-suffix' }),
  );

function filterBar(hide: Array<keyof OrderQuery>): HTMLElement {
  return el(
    'div',
    {
      class: 'ant-flex huiyin ant-flex-wrap-wrap',
      style: 'margin-bottom:12px;gap:8px',
      'aria-hidden': 'true',
    },
    el('div', {
      style: `width:${FILTER_WIDTHS.search}px;height:32px;box-sizing:border-box;border:1px solid #d9d9d9;border-radius:6px;background:#fff`,
    }),
    ...deskFilterBoxes(hide).map(filterBox),
    el(
      'div',
      { class: 'ant-btn huiyin ant-btn-default ant-btn-color-default ant-btn-variant-outlined' },
      el('span', { class: 'ant-btn-icon' }, el('span', { style: 'display:inline-block;width:14px' })),
      el('span', {}, '清除筛选'),
    ),
  );
}

const tag = (b: Badge | null) =>
  el(
    'div',
    { class: 'ant-space-item' },
    b
      ? el(
          'span',
          {
            class: `ant-tag ant-tag-filled ant-tag-${b.color} huiyin`,
            ...(b.title ? { title: b.title } : {}),
          },
          b.label,
        )
      : null,
  );

/** Ant Design's Space: one item per slot, an empty one where a tag is not shown, as the app's. */
const space = (wrap: boolean, ...items: HTMLElement[]) =>
  el(
    'div',
    {
      class: 'ant-space ant-space-horizontal ant-space-align-center huiyin',
      style: `${wrap ? 'flex-wrap:wrap;' : ''}gap:4px`,
    },
    ...items,
  );

const cell = (...children: Array<Node | string>) => el('td', { class: 'ant-table-cell' }, ...children);

function row(o: OrderListItem, me: Me, kind: ListDeadline): HTMLElement {
  const href = `/orders/${o.id}`;
  const deadline = rowDeadline(o, me, kind);
  const badges = tableBadges(o, deadline.badge);
  return el(
    'tr',
    { class: 'ant-table-row ant-table-row-level-0', 'data-row-key': String(o.id) },
    cell(el('a', { href }, o.code)),
    cell(
      space(
        true,
        el('div', { class: 'ant-space-item' }, el('a', { href, style: 'color:inherit' }, o.title)),
        ...Object.values(badges.byTitle).map(tag),
      ),
    ),
    cell(space(false, tag(stateBadge(o.state)))),
    cell(ORDER_TYPE_LABELS[o.type]),
    cell(o.leadUnit?.name ?? '—'),
    cell(formatInstant(o.createdAt)),
    cell(
      space(
        true,
        el(
          'div',
          { class: 'ant-space-item' },
          text(
            'white-space:nowrap',
            `${deadline.label ? `${deadline.label} ` : ''}${formatDeadline(deadline.at)}`,
          ),
        ),
        ...Object.values(badges.byDeadline).map(tag),
      ),
    ),
  );
}

/** OrderTable.tsx's table: its columns in its order, the deadline column the list's (`kind`). */
function table(items: OrderListItem[], me: Me, kind: ListDeadline): HTMLElement {
  const columns = Object.values(ORDER_TABLE_COLUMNS);
  return el(
    'div',
    { class: 'huiyin ant-table-css-var ant-table-wrapper' },
    el(
      'div',
      { class: 'ant-table ant-table-medium huiyin ant-table-css-var' },
      el(
        'div',
        { class: 'ant-table-container' },
        el(
          'div',
          { class: 'ant-table-content' },
          el(
            'table',
            { style: 'table-layout:auto', 'aria-label': '工单列表' },
            el(
              'colgroup',
              {},
              ...columns.map((c) => el('col', c.width ? { style: `width:${c.width}px` } : {})),
            ),
            el(
              'thead',
              { class: 'ant-table-thead' },
              el(
                'tr',
                {},
                ...columns.map((c) =>
                  el(
                    'th',
                    { class: 'ant-table-cell', scope: 'col' },
                    c === ORDER_TABLE_COLUMNS.deadline ? deadlineTitle(kind) : c.title,
                  ),
                ),
              ),
            ),
            el('tbody', { class: 'ant-table-tbody' }, ...items.map((o) => row(o, me, kind))),
          ),
        ),
      ),
    ),
  );
}

/** OrderList.tsx's total: 「共 N 件」, or 「1 万件以上」 where the server stopped counting. */
function total(list: OrderList): HTMLElement | null {
  if (list.total === 0) return null;
  const n = list.total;
  const said = list.totalCapped ? `${n % 10_000 === 0 ? `${n / 10_000} 万件` : `${n} 件`}以上` : `共 ${n} 件`;
  return el(
    'ul',
    { class: 'ant-pagination huiyin', style: 'margin-top:12px;text-align:right' },
    el('li', { class: 'ant-pagination-total-text' }, said),
  );
}

export function deskView(me: Me, queue: HomeQueue, list: OrderList): HTMLElement {
  const fixed = queue.tabs[0]?.query ?? {};
  const hide = [
    ...(Object.keys(fixed) as Array<keyof OrderQuery>),
    ...idleClockFilters(fixed, me.home === 'unit'),
  ];
  const kind = queue.tabs[0]?.deadline ?? 'handle';
  return overlay(
    header(me),
    el(
      'div',
      { class: 'ant-layout ant-layout-has-sider huiyin' },
      el(
        'aside',
        {
          class: 'ant-layout-sider ant-layout-sider-light huiyin',
          style:
            'border-inline-end:1px solid #eef0f3;flex:0 0 200px;max-width:200px;min-width:200px;width:200px',
        },
        el('div', { class: 'ant-layout-sider-children' }, menu(me)),
      ),
      el(
        'div',
        { class: 'ant-layout-content huiyin', style: 'padding:20px;min-width:0' },
        queueCard(
          queue.title(me),
          20,
          tabs(queue),
          filterBar(hide),
          list.items.length > 0 ? table(list.items, me, kind) : emptyNote(),
          total(list),
        ),
      ),
    ),
  );
}

/** Writes the tabs' counts beside their names (QueueTabs.tsx's badges), if the view is still there. */
export function showDeskCounts(queue: HomeQueue, counts: OrderCounts) {
  queue.tabs.forEach((t, i) => {
    const n = counts.counts[i]?.total;
    const label = document.querySelector(`#${VIEW_ID} [data-node-key="${t.key}"] a > span`);
    if (!label || n === undefined) return;
    const shown = n > 999 ? '999+' : String(n);
    label.append(
      el(
        'span',
        { class: 'ant-badge ant-badge-not-a-wrapper huiyin', 'aria-label': `${n} 件` },
        el(
          'sup',
          {
            // Ant Design widens a badge of more than one character.
            class: `ant-scroll-number ant-badge-count${shown.length > 1 ? ' ant-badge-multiple-words' : ''}`,
            title: String(n),
            style: `margin-inline-start:6px;background:${tabCountColour(t, n)}`,
          },
          shown,
        ),
      ),
    );
  });
  fitDeskView();
}

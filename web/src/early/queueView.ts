import { formatDeadline } from '../../../src/domain/deadline-text';
import type { Me, OrderCounts, OrderList, OrderListItem } from '../api/types';
import { cardDeadline, type ListDeadline, listBadges } from '../features/orders/badges';
import type { HomeQueue } from '../features/workbench/queues';
import { tileCountStyle, tileGridStyle, tileLabelStyle, tileStyle } from '../features/workbench/tileStyles';
import { deskView, fitDeskView, showDeskCounts } from './deskView';
import { el, emptyNote, overlay, queueCard, readable, secondary, styled, text } from './dom';
import { emptyRoot, showOverTheApp, VIEW_ID } from './handover';

/**
 * The home page's queue drawn by the start-up script, before the app's libraries have arrived and
 * run (on a township's link, one to three seconds): the user reads the first page of orders and
 * the tabs' counts as soon as the server has answered, and may already open an order or a tab
 * (plain links, which the app opens when it takes over). It is the app's own first screen written
 * with the same Ant Design classes, over the app as it loads underneath, and it steps aside the
 * moment the app shows the queue itself (handover.ts). A phone gets its cards and tiles here
 * (OrderCards.tsx, PhoneTiles.tsx, Shell.tsx); a desk its table (deskView.ts).
 */

/** Below Ant Design's "md" breakpoint the app draws its phone layout (Grid.useBreakpoint). */
const PHONE = '(max-width: 767.98px)';

function header(me: Me): HTMLElement {
  return el(
    'header',
    {
      class: 'ant-layout-header huiyin',
      style:
        'display:flex;align-items:center;gap:12px;padding:0 12px;background:#fff;border-bottom:1px solid #eef0f3',
    },
    // Where the app's menu button will be.
    el('span', { style: 'width:32px;flex:none' }),
    text(
      'font-size:16px;white-space:nowrap',
      el('strong', {}, el('span', { style: 'color:#1668dc' }, '回音')),
    ),
    el('div', { style: 'flex:1' }),
    text('padding:0 15px', me.name),
  );
}

function tile(tab: HomeQueue['tabs'][number], count: number | undefined, selected: boolean): HTMLElement {
  const link = el(
    'a',
    {
      href: selected ? '/' : `/?tab=${tab.key}`,
      'aria-label': count === undefined ? tab.label : `${tab.label} ${count} 件`,
      style:
        'display:block;text-align:center;text-decoration:none;color:inherit;box-sizing:border-box;line-height:normal',
    },
    styled(
      text('', el('strong', { 'data-count': tab.key }, count === undefined ? '–' : String(count))),
      tileCountStyle(tab, count),
    ),
    styled(text('', tab.label), tileLabelStyle(selected)),
  );
  return styled(link, tileStyle(selected));
}

function card(o: OrderListItem, me: Me, kind: ListDeadline): HTMLElement {
  const deadline = cardDeadline(o, me, kind);
  const tags = listBadges(o, deadline.badge).map((b) =>
    el(
      'span',
      { class: `ant-tag ant-tag-filled ant-tag-${b.color} huiyin`, ...(b.title ? { title: b.title } : {}) },
      b.label,
    ),
  );
  return el(
    'div',
    { role: 'listitem', class: 'ant-card ant-card-bordered ant-card-small huiyin' },
    el(
      'a',
      {
        href: `/orders/${o.id}`,
        style: 'display:block;color:inherit;text-decoration:none;padding:12px',
        class: 'ant-card-body',
      },
      text('font-size:15px;display:block', el('strong', {}, o.title)),
      secondary('font-size:12px', `${o.code} · ${o.leadUnit?.name ?? '未派发'}`),
      el(
        'div',
        {
          class: 'ant-flex huiyin ant-flex-wrap-wrap ant-flex-align-center',
          style: 'margin-top:6px;gap:4px',
        },
        ...tags,
        deadline.at
          ? secondary('font-size:12px', `${deadline.label} ${formatDeadline(deadline.at, false)}`)
          : null,
      ),
    ),
  );
}

function view(me: Me, queue: HomeQueue, list: OrderList): HTMLElement {
  const first = queue.tabs[0]?.key;
  const kind = queue.tabs[0]?.deadline ?? 'handle';
  const items = list.items.map((o) => card(o, me, kind));
  return overlay(
    header(me),
    el(
      'div',
      { class: 'ant-layout-content huiyin', style: 'padding:8px;min-width:0' },
      queueCard(
        queue.title(me),
        10,
        styled(
          el(
            'nav',
            { 'aria-label': '工单分类' },
            ...queue.tabs.map((t) => tile(t, undefined, t.key === first)),
          ),
          tileGridStyle,
        ),
        // Where the app's search box will be, so the list does not move when the app takes over.
        el('div', {
          'aria-hidden': 'true',
          style: 'height:32px;margin-bottom:12px;border:1px solid #d9d9d9;border-radius:6px;background:#fff',
        }),
        items.length > 0
          ? el(
              'div',
              {
                class: 'ant-flex huiyin ant-flex-vertical',
                role: 'list',
                'aria-label': '工单列表',
                style: 'gap:8px',
              },
              ...items,
            )
          : emptyNote(),
      ),
    ),
  );
}

/** Writes the tabs' counts into the view's tiles, if it is still there. */
function showCounts(queue: HomeQueue, counts: OrderCounts) {
  queue.tabs.forEach((tab, i) => {
    const total = counts.counts[i]?.total;
    const shown = document.querySelector(`#${VIEW_ID} [data-count="${tab.key}"]`);
    const link = shown?.closest('a');
    if (!shown || !link || total === undefined) return;
    shown.textContent = String(total);
    link.setAttribute('aria-label', `${tab.label} ${total} 件`);
    if (shown.parentElement) styled(shown.parentElement, tileCountStyle(tab, total));
  });
}

/**
 * Draws the view when the queue's first list has arrived, if the app has not drawn anything yet
 * (on a fast link it may well be first); the counts fill the tabs when they come.
 */
export async function drawEarlyQueue(
  me: Me,
  queue: HomeQueue,
  listAnswer: Promise<Response> | undefined,
  countsAnswer: Promise<Response> | undefined,
  /** Called once the drawn screen has been painted (the app may then start). */
  painted: () => void = () => undefined,
): Promise<void> {
  const list = await readable<OrderList>(listAnswer);
  const root = emptyRoot();
  if (!list || !root) return;
  const phone = window.matchMedia(PHONE).matches;
  showOverTheApp(phone ? view(me, queue, list) : deskView(me, queue, list), root);
  if (!phone) fitDeskView();
  // The frame's callback runs before its paint; the task after it, once the frame is on screen.
  requestAnimationFrame(() => setTimeout(painted, 0));
  const counts = await readable<OrderCounts>(countsAnswer);
  if (counts) (phone ? showCounts : showDeskCounts)(queue, counts);
}

import { formatDeadline } from '../../../src/domain/deadline-text';
import type { Me, OrderCounts, OrderList, OrderListItem } from '../api/types';
import { listBadges } from '../features/orders/badges';
import type { HomeQueue } from '../features/workbench/queues';
import { tileCountStyle, tileGridStyle, tileLabelStyle, tileStyle } from '../features/workbench/tileStyles';
import { OFFLINE_COPY_HEADER } from '../offline/cacheRoutes';

/**
 * A phone's queue drawn by the start-up script, before the app's libraries have arrived and run
 * (on a township's link, one to three seconds): the liaison reads the first page of orders and
 * the tabs' counts as soon as the server has answered, and may already tap an order or a tab
 * (plain links, which the app opens when it takes over). It is the app's own first screen written with the same Ant Design classes
 * (OrderCards.tsx, PhoneTiles.tsx, Shell.tsx), over the app as it loads underneath, and it steps
 * aside the moment the app shows the queue itself. Desks wait for the app: a table is not drawn
 * by hand.
 */

/** Below Ant Design's "md" breakpoint the app draws its phone layout (Grid.useBreakpoint). */
const PHONE = '(max-width: 767.98px)';
const VIEW_ID = 'early-queue';
/** Once the app has drawn its frame, it gets this long to show the queue before the view goes anyway. */
const APP_GRACE_MS = 5_000;

export const isPhone = () => window.matchMedia(PHONE).matches;

type Child = Node | string | null | undefined;

function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style') node.style.cssText = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

const text = (style: string, ...children: Child[]) =>
  el('span', { class: 'ant-typography huiyin', style }, ...children);

/** An answer the view may draw: the server's own (never the worker's offline copy), read as JSON. */
async function readable<T>(answer: Promise<Response> | undefined): Promise<T | null> {
  const response = await answer?.catch(() => null);
  if (!response?.ok || response.headers.get(OFFLINE_COPY_HEADER)) return null;
  try {
    return (await response.clone().json()) as T;
  } catch {
    return null;
  }
}

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

/** Adds the app's own style objects (features/workbench/tileStyles.ts) to a drawn element. */
function styled<T extends HTMLElement>(
  node: T,
  style: Partial<Record<keyof CSSStyleDeclaration, string>>,
): T {
  Object.assign(node.style, style);
  return node;
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

function card(o: OrderListItem): HTMLElement {
  const tags = listBadges(o).map((b) =>
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
      el(
        'span',
        { class: 'ant-typography ant-typography-secondary huiyin', style: 'font-size:12px' },
        `${o.code} · ${o.leadUnit?.name ?? '未派发'}`,
      ),
      el(
        'div',
        {
          class: 'ant-flex huiyin ant-flex-wrap-wrap ant-flex-align-center',
          style: 'margin-top:6px;gap:4px',
        },
        ...tags,
        o.handleBy
          ? el(
              'span',
              { class: 'ant-typography ant-typography-secondary huiyin', style: 'font-size:12px' },
              `期限 ${formatDeadline(o.handleBy, false)}`,
            )
          : null,
      ),
    ),
  );
}

function view(me: Me, queue: HomeQueue, list: OrderList): HTMLElement {
  const first = queue.tabs[0]?.key;
  const items = list.items.map(card);
  return el(
    'div',
    {
      id: VIEW_ID,
      class: 'ant-app huiyin',
      style: 'position:fixed;inset:0;z-index:1000;overflow:auto;background:#f5f6f8',
    },
    el(
      'div',
      { class: 'ant-layout huiyin', style: 'min-height:100vh' },
      header(me),
      el(
        'div',
        { class: 'ant-layout-content huiyin', style: 'padding:8px;min-width:0' },
        el(
          'div',
          { class: 'ant-card ant-card-bordered huiyin' },
          el(
            'div',
            { class: 'ant-card-head' },
            el(
              'div',
              { class: 'ant-card-head-wrapper' },
              el(
                'div',
                { class: 'ant-card-head-title' },
                el('h4', { class: 'ant-typography huiyin', style: 'margin:0' }, queue.title(me)),
              ),
            ),
          ),
          el(
            'div',
            { class: 'ant-card-body', style: 'padding:10px' },
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
              style:
                'height:32px;margin-bottom:12px;border:1px solid #d9d9d9;border-radius:6px;background:#fff',
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
              : el(
                  'span',
                  {
                    class: 'ant-typography huiyin',
                    'data-empty': '',
                    style: 'display:block;text-align:center;padding:16px;color:rgba(0,0,0,0.45)',
                  },
                  '暂无工单',
                ),
          ),
        ),
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
 * A tap on an order or a tile while the app is still loading: the app opens that address when it
 * takes over, as if the tap had been on its own page, instead of the browser loading everything
 * again for it. Only if the app has not taken over after TAP_WAIT_MS (its files failed, or it
 * broke) does the browser follow the link: on a slow link the app is on its way, and loading the
 * page again would start its download over.
 */
const TAP_WAIT_MS = 15_000;
let tapped: string | null = null;

function holdTaps(view: HTMLElement) {
  view.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a');
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    ) {
      return;
    }
    event.preventDefault();
    tapped = link.getAttribute('href');
    link.setAttribute('aria-busy', 'true');
    link.style.opacity = '0.6';
    window.setTimeout(() => {
      if (tapped && document.getElementById(VIEW_ID)) window.location.assign(tapped);
    }, TAP_WAIT_MS);
  });
}

/** Hands a held tap to the app: its router follows history like a press of the back button. */
function openTapped() {
  if (!tapped || tapped === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', tapped);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * Removes the view once the app shows the queue (its list, an empty list or an error), has moved
 * to another address, or has had its frame up for APP_GRACE_MS without either. It watches the
 * app's root rather than being told, so the app knows nothing of it; the check runs before the
 * browser paints the app's change, so the two lists are never on screen together.
 */
function stepAsideForTheApp(root: HTMLElement) {
  let grace: number | undefined;
  const remove = () => {
    observer.disconnect();
    window.clearTimeout(grace);
    const drawn = document.getElementById(VIEW_ID);
    const scrolled = drawn?.scrollTop ?? 0;
    drawn?.remove();
    // A liaison who scrolled the drawn queue finds the app's at the same place: its cards sit
    // where the drawn ones did.
    if (scrolled > 0 && !tapped && window.location.pathname === '/') window.scrollTo(0, scrolled);
    openTapped();
  };
  const observer = new MutationObserver(() => {
    const shown = root.querySelector(
      'main [role="list"], main .ant-empty, main .ant-alert-error, main .ant-result',
    );
    if (shown || window.location.pathname !== '/' || window.location.search) remove();
    else if (grace === undefined && root.querySelector('main'))
      grace = window.setTimeout(remove, APP_GRACE_MS);
  });
  observer.observe(root, { childList: true, subtree: true });
}

/**
 * Draws the view when the queue's first list has arrived, if the app has not drawn anything yet
 * (on a fast link it may well be first); the counts fill the tiles when they come.
 */
export async function drawEarlyQueue(
  me: Me,
  queue: HomeQueue,
  listAnswer: Promise<Response> | undefined,
  countsAnswer: Promise<Response> | undefined,
): Promise<void> {
  const list = await readable<OrderList>(listAnswer);
  const root = document.getElementById('root');
  if (!list || !root || root.childElementCount > 0 || document.getElementById(VIEW_ID)) return;
  const drawn = view(me, queue, list);
  holdTaps(drawn);
  document.body.append(drawn);
  stepAsideForTheApp(root);
  const counts = await readable<OrderCounts>(countsAnswer);
  if (counts) showCounts(queue, counts);
}

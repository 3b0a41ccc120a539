// How a screen drawn by the start-up script (queueView.ts, deskView.ts) hands over to the app:
// taps on it are held for the app, and it steps aside the moment the app shows the same thing.

export const VIEW_ID = 'early-queue';
/** Once the app has drawn its frame, it gets this long to show the queue before the view goes anyway. */
const APP_GRACE_MS = 5_000;

/**
 * A tap on an order, a tab or a tile while the app is still loading: the app opens that address
 * when it takes over, as if the tap had been on its own page, instead of the browser loading
 * everything again for it. Only if the app has not taken over after TAP_WAIT_MS (its files
 * failed, or it broke) does the browser follow the link: on a slow link the app is on its way,
 * and loading the page again would start its download over.
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

/** What the app draws once its queue has its answer: cards, table rows, an empty list or an error. */
const APP_SHOWS_QUEUE =
  'main [role="list"], main .ant-table-row, main .ant-empty, main .ant-alert-error, main .ant-result';

/**
 * Removes the view once the app shows the queue, has moved to another address, or has had its
 * frame up for APP_GRACE_MS without either. It watches the app's root rather than being told, so
 * the app knows nothing of it; the check runs before the browser paints the app's change, so the
 * two lists are never on screen together.
 */
function stepAsideForTheApp(root: HTMLElement) {
  let grace: number | undefined;
  const remove = () => {
    observer.disconnect();
    window.clearTimeout(grace);
    const drawn = document.getElementById(VIEW_ID);
    const scrolled = drawn?.scrollTop ?? 0;
    drawn?.remove();
    // A user who scrolled the drawn queue finds the app's at the same place: its orders sit
    // where the drawn ones did.
    if (scrolled > 0 && !tapped && window.location.pathname === '/') window.scrollTo(0, scrolled);
    openTapped();
  };
  const observer = new MutationObserver(() => {
    const shown = root.querySelector(APP_SHOWS_QUEUE);
    if (shown || window.location.pathname !== '/' || window.location.search) remove();
    else if (grace === undefined && root.querySelector('main'))
      grace = window.setTimeout(remove, APP_GRACE_MS);
  });
  observer.observe(root, { childList: true, subtree: true });
}

/** The app's root, if the app has drawn nothing yet and no view is up: only then is a view drawn. */
export function emptyRoot(): HTMLElement | null {
  const root = document.getElementById('root');
  return root && root.childElementCount === 0 && !document.getElementById(VIEW_ID) ? root : null;
}

/** Puts a drawn view over the (still empty) app, until the app takes over. */
export function showOverTheApp(view: HTMLElement, root: HTMLElement) {
  view.id = VIEW_ID;
  holdTaps(view);
  document.body.append(view);
  stepAsideForTheApp(root);
}

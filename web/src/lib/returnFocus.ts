// A dialog closed with Esc (or its buttons) must give the focus back to what opened it (WAI-ARIA
// dialog pattern). antd does so for a Modal that stays mounted; most of ours are unmounted on
// close (the action forms follow the browser's history), and the focus then fell to the page's
// top: a keyboard user had to Tab through the whole page again. This puts it back.

/** The element outside any dialog that had the focus last: the opener of a dialog now open. */
let opener: HTMLElement | null = null;
/** How long a dialog may take to close after Esc or a click in it (its form may be sending). */
const WATCH_MS = 3000;

const inDialog = (el: Element) => el.closest('[role="dialog"]') !== null;

function onFocusIn(e: FocusEvent) {
  const target = e.target;
  if (target instanceof HTMLElement && target !== document.body && !inDialog(target)) opener = target;
}

/** After something that may close the dialog: once the focus drops to the page, back to the opener. */
function watchClose() {
  const back = opener;
  if (!back) return;
  const started = performance.now();
  const tick = () => {
    const active = document.activeElement;
    if (!active || active === document.body) {
      if (back.isConnected) back.focus();
      return;
    }
    // Already somewhere outside the dialog (antd restored it), or the dialog stayed open.
    if (!inDialog(active) || performance.now() - started > WATCH_MS) return;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function fromDialog(e: Event) {
  const target = e.target;
  if (target instanceof Element && inDialog(target)) watchClose();
}

/** Installs it once for the whole app. */
export function returnFocusAfterDialogs(): void {
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && fromDialog(e), true);
  document.addEventListener('click', fromDialog, true);
}

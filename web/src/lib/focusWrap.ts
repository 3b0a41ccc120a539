// antd's dialogs pull the focus back only when it lands elsewhere in the page; Tab from a dialog's
// last control first goes out to the browser's own bar. This keeps Tab and Shift+Tab cycling inside
// the open modal dialog (WAI-ARIA dialog pattern), so a keyboard user never leaves it by accident.

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function topDialog(): HTMLElement | null {
  const open = [...document.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"]')].filter(
    (d) => d.getClientRects().length > 0,
  );
  return open.at(-1) ?? null;
}

function onKeyDown(e: KeyboardEvent) {
  if (e.key !== 'Tab') return;
  const dialog = topDialog();
  if (!dialog) return;
  const stops = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.getClientRects().length > 0,
  );
  const first = stops[0];
  const last = stops.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  const outside = !active || !dialog.contains(active);
  if (e.shiftKey && (active === first || active === dialog || outside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || outside)) {
    e.preventDefault();
    first.focus();
  }
}

/** Installs the wrap once for the whole app. */
export function keepTabInDialogs(): void {
  document.addEventListener('keydown', onKeyDown);
}

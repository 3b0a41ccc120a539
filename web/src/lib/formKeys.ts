import type { KeyboardEvent } from 'react';

// The dispatcher's keys on a long form: Enter goes to the next field (as on a paper form, not
// submitting half of it), Alt+1…3 takes the assistant's 1st…3rd suggestion, Ctrl+Enter submits.

const FIELDS =
  'input:not([type="hidden"]):not([disabled]):not([type="radio"]), input[type="radio"]:checked, textarea:not([disabled]), [role="switch"], button[type="submit"]';

/** A field whose own Enter means something (an open list picks an option, a date picker confirms). */
function enterIsTaken(el: HTMLElement): boolean {
  if (el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON') return true;
  if (el.getAttribute('aria-expanded') === 'true') return true;
  return !!el.closest('.ant-picker');
}

function nextField(container: HTMLElement, from: HTMLElement): HTMLElement | undefined {
  const fields = [...container.querySelectorAll<HTMLElement>(FIELDS)].filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[data-suggestion]'),
  );
  const at = fields.findIndex((f) => f === from || f.contains(from));
  return at >= 0 ? fields[at + 1] : undefined;
}

/** The keyboard handler for a form's container; `submit` is what Ctrl+Enter does. */
export function formKeys(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
      return;
    }
    if (e.altKey && /^[1-9]$/.test(e.key)) {
      const picks = e.currentTarget.querySelectorAll<HTMLElement>('[data-suggestion]');
      const pick = picks[Number(e.key) - 1];
      if (pick) {
        e.preventDefault();
        pick.click();
      }
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !enterIsTaken(target)) {
      const next = nextField(e.currentTarget, target);
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  };
}

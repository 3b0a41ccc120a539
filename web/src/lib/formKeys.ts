import type { KeyboardEvent } from 'react';

// The dispatcher's keys on a long form: Enter goes to the next field (as on a paper form, not
// submitting half of it), Alt+1…3 takes the assistant's 1st…3rd suggested unit (on the register
// form, which offers no units, its category), Alt+Shift+1…3 its 1st…3rd suggested category,
// Ctrl+Enter submits.
//
// The handler runs in the capture phase (`onKeyDownCapture`), before the field's own handler,
// because antd's selects open their list on Enter: when Enter moves on, the select must never
// see it, or its list opens behind the focus and stays open over the form.

const FIELDS =
  'input:not([type="hidden"]):not([disabled]):not([type="radio"]), input[type="radio"]:checked, textarea:not([disabled]), [role="switch"], button[type="submit"]';

/**
 * The list (select or cascader) that the last key closed: an Enter that picked an option, or
 * Esc. antd closes a list one task later, so an Enter typed right after still finds it
 * "expanded"; the user means "next field", not "pick". Keyboard focus is global, so one slot is
 * enough; any other key clears it.
 */
let closingList: HTMLElement | null = null;

const isOpenList = (el: HTMLElement) => el.getAttribute('aria-expanded') === 'true';

/**
 * A field whose own Enter means something: an open list picks an option (unless the last key
 * closed it), a date picker confirms, a text area starts a line, a button presses.
 */
function enterIsTaken(el: HTMLElement, closing: boolean): boolean {
  if (el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON') return true;
  if (isOpenList(el)) return !closing;
  return !!el.closest('.ant-picker');
}

function nextField(container: HTMLElement, from: HTMLElement): HTMLElement | undefined {
  const fields = [...container.querySelectorAll<HTMLElement>(FIELDS)].filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[data-suggestion]'),
  );
  const at = fields.findIndex((f) => f === from || f.contains(from));
  return at >= 0 ? fields[at + 1] : undefined;
}

/**
 * The suggestion Alt+N (or Alt+Shift+N) takes. Read by the key's place (`code`), not the
 * character it types: with Shift, the digit keys type 「!」「@」「#」.
 */
function suggestionFor(container: HTMLElement, e: KeyboardEvent<HTMLElement>): HTMLElement | undefined {
  const n = /^Digit([1-9])$/.exec(e.code)?.[1];
  if (!e.altKey || e.ctrlKey || e.metaKey || !n) return undefined;
  const of = (kind: 'unit' | 'category') =>
    container.querySelectorAll<HTMLElement>(`[data-suggestion="${kind}"]`);
  const units = of('unit');
  const picks = e.shiftKey || units.length === 0 ? of('category') : units;
  return picks[Number(n) - 1];
}

/** The capture-phase keyboard handler for a form's container; `submit` is what Ctrl+Enter does. */
export function formKeys(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    // An Enter that confirms the input method's composition (pinyin to 汉字) is not the user's.
    if (e.nativeEvent.isComposing) return;
    const plainEnter = e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
    const closing = closingList === target;
    closingList = null;
    if (e.key === 'Escape' && isOpenList(target)) {
      closingList = target;
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
      return;
    }
    const pick = suggestionFor(e.currentTarget, e);
    if (pick) {
      e.preventDefault();
      pick.click();
      return;
    }
    if (!plainEnter) return;
    if (enterIsTaken(target, closing)) {
      // An open list takes this Enter as its pick; the next Enter moves on.
      if (isOpenList(target)) closingList = target;
      return;
    }
    const next = nextField(e.currentTarget, target);
    if (next) {
      e.preventDefault();
      e.stopPropagation();
      next.focus();
    }
  };
}

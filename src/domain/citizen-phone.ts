import { asciiForms } from './visible-text.js';

/**
 * A caller's phone, written one way whatever way it was typed. The same number comes as
 * 13338960214, 133-3896-0214, 133 3896 0214, +8613338960214, １３３３８９６０２１４; lookups by
 * phone (the caller's history, repeats, clusters, the office's search) compare the stored text,
 * so each order keeps its phone in this one form:
 * - a mobile: its 11 digits, the country code dropped (13338960214);
 * - a number with an area code: the code, a hyphen, the number (0972-8521050; 010-62345678);
 * - anything else: its digits as typed (a short local number, a number from abroad with its +).
 */
export function normalisePhone(raw: string): string {
  const text = asciiForms(raw).trim();
  const digits = text.replace(/\D/g, '');
  const mobile = /^(?:0{0,2}86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile && (mobile[1] === digits || /^(\+|00)?86/.test(text.replace(/[\s-]/g, '')))) {
    return mobile[1] as string;
  }
  const landline = /^(0(?:10|2\d|[3-9]\d\d))([2-9]\d{6,7})$/.exec(digits);
  if (landline) return `${landline[1]}-${landline[2]}`;
  if (text.startsWith('+')) return `+${digits}`;
  return digits === '' ? text : digits;
}

/** Whether a search text is a phone typed some way (so it is looked up in its stored form). */
export function looksLikePhone(text: string): boolean {
  const t = asciiForms(text).trim();
  return /^[+\d][\d\s\-()]{4,24}$/.test(t) && t.replace(/\D/g, '').length >= 5;
}

/**
 * The order's code as people type it: in small letters (hy202612060001), or its digits alone
 * (202612060001, as read out over the phone). Codes are HY, the day and a 4-digit number
 * (register-order.ts).
 */
export function codeOf(q: string): string {
  if (/^\d{12}$/.test(q)) return `HY${q}`;
  return /^[A-Za-z]{2}\d{6,}$/.test(q) ? q.toUpperCase() : q;
}

/**
 * A fresh key naming one request, for the server to recognise it when it is sent again (a
 * registration's Idempotency-Key). From `crypto.getRandomValues`, which browsers give pages served
 * over plain HTTP too (a county intranet), unlike `crypto.randomUUID`.
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

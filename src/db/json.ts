/** JSON text columns: parse what we wrote, tolerating nulls. */
export function fromJson<T>(text: string | null | undefined): T | null {
  return text == null ? null : (JSON.parse(text) as T);
}
export const toJson = (value: unknown): string | null => (value == null ? null : JSON.stringify(value));

export const toDate = (text: string | null | undefined): Date | null => (text ? new Date(text) : null);
export const toIso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

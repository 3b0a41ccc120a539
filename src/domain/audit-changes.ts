import { toShanghaiIso } from './time.js';

/**
 * What an audit entry changed, in words the audit administrator reads: the fields whose values
 * differ between the snapshot before and after, each named in Chinese and its values written out
 * (是/否, names instead of ids, local times), instead of two blobs of JSON with English keys. The
 * entry's stored snapshots stay as they were (the chain seals them); this is only how they read.
 */
export interface AuditChange {
  /** The field's path in the snapshot (`weights.redo`), for tools and tests. */
  field: string;
  label: string;
  /** Null: the field was not there (a creation, or a field added later). */
  before: string | null;
  after: string | null;
}

/** How one kind of entry's fields are named and written; fields it does not name keep their key. */
export interface AuditVocabulary {
  label(field: string): string | undefined;
  /** Fields that repeat another or mean nothing to a reader (ids, versions, search keys). */
  hidden(field: string): boolean;
  /** A value written for a reader (a unit's name for its id), or undefined to write it plainly. */
  value(field: string, value: unknown): string | undefined;
}

const LONG_TEXT = 80;
/** Lists longer than this (both sides together) are shown by what was removed and added. */
const LONG_LIST = 10;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The changed fields between two snapshots, in the order the later snapshot lists them. */
export function auditChanges(before: unknown, after: unknown, vocabulary: AuditVocabulary): AuditChange[] {
  const was = leaves(before);
  const is = leaves(after);
  const fields = [...new Set([...is.keys(), ...was.keys()])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    if (vocabulary.hidden(field)) continue;
    const [b, a] = [was.get(field), is.get(field)];
    if (same(b, a)) continue;
    const label = vocabulary.label(field) ?? field;
    if (
      Array.isArray(b) &&
      Array.isArray(a) &&
      (b.length + a.length > LONG_LIST || [...b, ...a].some(isRecord))
    ) {
      // A long list (a year's special days) or a list of records: only what was taken out and put in.
      const removed = b.filter((x) => !a.some((y) => same(x, y)));
      const added = a.filter((x) => !b.some((y) => same(x, y)));
      changes.push({
        field,
        label: `${label}（只列出删去和增加的）`,
        before: removed.length ? written(field, removed, vocabulary) : null,
        after: added.length ? written(field, added, vocabulary) : null,
      });
      continue;
    }
    changes.push({
      field,
      label,
      before: was.has(field) ? written(field, b, vocabulary) : null,
      after: is.has(field) ? written(field, a, vocabulary) : null,
    });
  }
  return changes;
}

/** A snapshot's values by path: nested objects are walked, anything else (lists too) is one value. */
function leaves(snapshot: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (isRecord(value) && (path === '' || Object.keys(value).length > 0)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else if (path !== '' || (value !== null && value !== undefined)) out.set(path, value);
  };
  walk(snapshot, '');
  return out;
}

function written(field: string, value: unknown, vocabulary: AuditVocabulary): string {
  const own = vocabulary.value(field, value);
  if (own !== undefined) return own;
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return toShanghaiIso(new Date(value)).slice(0, 16).replace('T', ' ');
    return value.length > LONG_TEXT ? `${value.slice(0, LONG_TEXT)}…` : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '（无）';
    const separator = value.some(isRecord) ? '；' : '、';
    return value.map((item) => written(field, item, vocabulary)).join(separator);
  }
  if (isRecord(value)) {
    const path = (key: string) => (field ? `${field}.${key}` : key);
    return Object.entries(value)
      .filter(([key, inner]) => inner !== null && !vocabulary.hidden(path(key)))
      .map(([key, inner]) => written(path(key), inner, vocabulary))
      .join(' ');
  }
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

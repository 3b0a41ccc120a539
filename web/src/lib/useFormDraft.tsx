import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { type Draft, discardDraft, dropExpiredDrafts, loadDraft, saveDraft } from './drafts';
import { fmtTime } from './time';

/**
 * A form's draft on this device (lib/drafts): read once when the form opens, written at every
 * change (not after a pause: a Back gesture right after typing must not lose it) and when the
 * form's own code sets a value (a suggestion taken), dropped when sent or discarded.
 */
let swept = false;

export function useFormDraft<T extends object>(key: string, form: FormInstance) {
  const [restored] = useState<Draft<T> | null>(() => {
    // Once a page load, the first time any form opens: old drafts of every user on this device go.
    if (!swept) dropExpiredDrafts();
    swept = true;
    return loadDraft<T>(key);
  });
  const [hasDraft, setHasDraft] = useState(restored !== null);
  return {
    restored,
    hasDraft,
    keep: () => {
      saveDraft(key, form.getFieldsValue(true));
      setHasDraft(true);
    },
    drop: () => {
      discardDraft(key);
      setHasDraft(false);
    },
    /**
     * Drops the draft and empties the form to `initial`. Not `resetFields`: that goes back to the
     * form's initial values, which hold the draft it opened with.
     */
    discard: (initial: Partial<T>) => {
      discardDraft(key);
      setHasDraft(false);
      const blank = Object.fromEntries(
        Object.keys(form.getFieldsValue(true)).map((name) => [name, undefined]),
      );
      form.setFieldsValue({ ...blank, ...initial });
    },
  };
}

/** Says that a draft was put back, and when it was last changed. */
export function DraftRestored({ savedAt }: { savedAt: string }) {
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      title={`已恢复您 ${fmtTime(savedAt)} 未提交的草稿。`}
    />
  );
}

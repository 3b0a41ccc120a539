import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { applyFieldErrors, defaultMap } from './formErrors';

/**
 * Sending a form to the server: busy while the request runs; a refusal marks the fields it names
 * (when there is a form) and is kept (its Chinese message, whether it was a version conflict) for the form's alert, and
 * what was typed stays. Anything but the server's answer is a fault in the page and is thrown on.
 */
export function useFormSubmit(
  form?: FormInstance,
  /** Which field of the form a field the server names is, if not the same name. */
  fieldName: (serverField: string) => NamePath | null = defaultMap,
) {
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await send();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (form) applyFieldErrors(form, e, fieldName);
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  /** Forgets the refusal (a dialog closed). */
  const clear = () => setFailure(undefined);
  return { busy, failure, error: failure?.message, submit, clear };
}

import { App, Form, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { changedFields } from './changedFields';
import { useAsync } from './useAsync';
import { useFormSubmit } from './useFormSubmit';

interface SettingsFormOptions<T> {
  /** Key of the load, so the form loads once per page. */
  key: string;
  load: () => Promise<T>;
  /** Sends the fields changed since the form was loaded or last saved (changedFields). */
  save: (changed: Partial<T>) => Promise<T>;
  /** Said once the server has kept the settings. */
  savedText: string;
  /** Anything to do after a save (e.g. read one's own account again). */
  afterSave?: () => Promise<void>;
}

/**
 * A settings form: loaded from the server, its changed fields saved back (two windows changing
 * different fields keep both), the server's stored values shown again;
 * a refusal marks the fields it names and keeps its Chinese message for the page's alert.
 * The form stays disabled (`loaded` false) until the stored values are in: typed earlier, they
 * would be overwritten by the load, or a save would send the empty form.
 */
export function useSettingsForm<T extends object>(options: SettingsFormOptions<T>) {
  const [form] = Form.useForm<T>() as [FormInstance<T>];
  const { data, error: loadError } = useAsync(options.load, options.key);
  const { message } = App.useApp();
  const { busy, error, submit } = useFormSubmit(form);
  useEffect(() => {
    if (data) form.setFieldsValue(data as Parameters<typeof form.setFieldsValue>[0]);
  }, [data, form]);

  // What the form shows as stored: the load, then each save's answer.
  const [stored, setStored] = useState<T>();
  useEffect(() => setStored(data), [data]);

  const save = (values: T) =>
    submit(async () => {
      const changed = stored === undefined ? values : changedFields(stored, values);
      if (changed === undefined) {
        message.info('没有改动，无需保存。');
        return;
      }
      const saved = await options.save(changed);
      setStored(saved);
      form.setFieldsValue(saved as Parameters<typeof form.setFieldsValue>[0]);
      message.success(options.savedText);
      await options.afterSave?.();
    });
  return { form, data, loaded: data !== undefined, loadError, error, busy, save };
}

import { App, Form, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { useAsync } from './useAsync';
import { useFormSubmit } from './useFormSubmit';

interface SettingsFormOptions<T> {
  /** Key of the load, so the form loads once per page. */
  key: string;
  load: () => Promise<T>;
  save: (values: T) => Promise<T>;
  /** Said once the server has kept the settings. */
  savedText: string;
  /** Anything to do after a save (e.g. read one's own account again). */
  afterSave?: () => Promise<void>;
}

/**
 * A settings form: loaded from the server, saved back, the server's stored values shown again;
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

  const save = (values: T) =>
    submit(async () => {
      form.setFieldsValue((await options.save(values)) as Parameters<typeof form.setFieldsValue>[0]);
      message.success(options.savedText);
      await options.afterSave?.();
    });
  return { form, data, loaded: data !== undefined, loadError, error, busy, save };
}

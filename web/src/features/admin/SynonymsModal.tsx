import { Alert, App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useFormSubmit } from '../../lib/useFormSubmit';

/**
 * The office's other words for a category or a unit: what people say that the name does not
 * contain. The server splits and cleans the words (src/domain/search-match.ts, parseSynonyms).
 */
export function SynonymsModal({
  name,
  synonyms,
  hint,
  placeholder,
  save,
  onClose,
  onSaved,
}: {
  name: string;
  synonyms: string[];
  hint: string;
  placeholder: string;
  save: (words: string[]) => Promise<unknown>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [text, setText] = useState(synonyms.join('、'));
  const { busy, error, submit: send } = useFormSubmit();
  const { message } = App.useApp();
  const submit = () =>
    send(async () => {
      await save(text.split(/[、,，;；\s]+/).filter(Boolean));
      message.success('已保存同义词');
      onSaved();
    });
  return (
    <Modal
      open
      title={`「${name}」的同义词`}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={busy}
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Input.TextArea
        aria-label="同义词"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

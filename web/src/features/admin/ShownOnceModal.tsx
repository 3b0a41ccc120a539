import { Alert, Modal, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A secret shown this once (an API key, an initial password): the server keeps only its digest, so
 * closing the dialog is the last chance to copy it. Closed only by its button, not by a stray
 * click beside it.
 */
export function ShownOnceModal(props: {
  open: boolean;
  title: string;
  okText: string;
  /** The warning's title and what to do with the secret. */
  warning: string;
  advice: string;
  secret: string;
  /** The secret's accessible name, and the copy button's. */
  label: string;
  copyLabel: string;
  secretStyle?: CSSProperties;
  /** Shown above the secret, and below it. */
  before?: ReactNode;
  children?: ReactNode;
  onClose: () => void;
}) {
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={props.onClose}
      okText={props.okText}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      <Alert
        type="warning"
        showIcon
        title={props.warning}
        description={props.advice}
        style={{ marginBottom: 12 }}
      />
      {props.before}
      {props.open && (
        <Typography.Paragraph
          code
          copyable={{ text: props.secret, tooltips: [props.copyLabel, '已复制'] }}
          aria-label={props.label}
          style={{ wordBreak: 'break-all', ...props.secretStyle }}
        >
          {props.secret}
        </Typography.Paragraph>
      )}
      {props.children}
    </Modal>
  );
}

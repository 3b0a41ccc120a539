import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import type { Me, OrderDetail } from '../../api/types';

export type FormValues = Record<string, unknown>;

/** How one workflow action is asked for: its rule, its fields, and the body it sends. */
export interface ActionSpec {
  /** Explains the rule before anything is sent. */
  rule: (order: OrderDetail) => ReactNode;
  /** `picked`: call after setting a value in code (a suggestion taken), so the draft keeps it. */
  Fields?: (props: { form: FormInstance; order: OrderDetail; me: Me; picked: () => void }) => ReactNode;
  toBody?: (values: FormValues, order: OrderDetail) => Record<string, unknown>;
  initialValues?: (order: OrderDetail, me: Me) => FormValues;
  /**
   * Fields left blank that the step cannot go without, by server field names: checked before the
   * step is kept to be sent offline (online, the server says what is wrong, and more).
   */
  blanks?: (values: FormValues, order: OrderDetail) => Array<{ field: string; message: string }>;
  /** Server field name → form field name; null when the message belongs in the form's alert. */
  fieldName?: (field: string) => (string | number)[] | null;
  okText?: string;
  danger?: boolean;
  width?: number;
  /** Buttons in the action bar: primary for the main step. */
  primary?: boolean;
}

import { DatePicker, Grid, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const NATIVE_FORMAT = 'YYYY-MM-DDTHH:mm';

/**
 * A moment to the minute, as Beijing wall-clock time (a picker value, lib/time.ts). On a wide
 * screen Ant Design's picker; on a phone the system's own date and time wheels, which fit any
 * screen and are what the liaison's thumb knows (Ant Design's calendar and time columns side by
 * side are wider than a phone).
 */
export function DateTimeField({
  value,
  onChange,
  id,
}: {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  id?: string;
}) {
  const screens = Grid.useBreakpoint();
  if (!screens.md) {
    return (
      <Input
        id={id}
        type="datetime-local"
        value={value ? value.format(NATIVE_FORMAT) : ''}
        onChange={(e) => onChange?.(e.target.value ? dayjs(e.target.value) : null)}
      />
    );
  }
  return (
    <DatePicker
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
    />
  );
}

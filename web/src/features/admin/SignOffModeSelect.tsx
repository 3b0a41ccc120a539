import { App, Select } from 'antd';
import { useState } from 'react';
import { unitsApi } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { SignOffMode, Unit } from '../../api/types';

/**
 * The office switches a unit between sign-off by its leaders in Huiyin and a typed issuer with
 * the signed scan attached (for units whose leaders have no accounts). The switch asks for
 * confirmation because it changes how every later reply of the unit reaches the office.
 */
export function SignOffModeSelect({
  unit,
  options,
  onChanged,
}: {
  unit: Unit;
  options: { value: SignOffMode; label: string }[];
  onChanged: () => void;
}) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const change = (mode: SignOffMode) => {
    const label = options.find((o) => o.value === mode)?.label ?? mode;
    modal.confirm({
      title: `将「${unit.name}」的答复签发方式改为「${label}」？`,
      content:
        mode === 'typed'
          ? '此后该单位联络员提交答复时手填签发人，并须上传签发件扫描件；已在待签发的答复仍由领导签发。'
          : '此后该单位的答复须由单位分管领导或主要负责人在系统中签发后才报送热线办。',
      okText: '确认修改',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await unitsApi.setSignOffMode(unit.id, mode);
          message.success(`已改为：${r.label}`);
          onChanged();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '修改失败，请重试');
        } finally {
          setBusy(false);
        }
      },
    });
  };
  return (
    <Select<SignOffMode>
      size="small"
      value={unit.signOffMode}
      options={options}
      onChange={change}
      loading={busy}
      popupMatchSelectWidth={false}
      style={{ width: 150 }}
      aria-label={`${unit.name} 答复签发方式`}
    />
  );
}

import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { unitsApi } from '../../api/admin';
import { useMe } from '../../app/auth';
import { PageLoading } from '../../app/PageLoading';
import { useAsync } from '../../lib/useAsync';
import { RegistrationForm } from './RegistrationForm';

/** A unit's own registration form, filled by its people. */
export default function MyRegistrationPage() {
  const me = useMe();
  const { data, error, setData } = useAsync(() => unitsApi.list(), 'units');
  const unit = data?.items.find((u) => u.id === me.unitId);
  if (error) return <Alert type="error" title={error.message} />;
  if (!data) return <PageLoading />;
  if (!unit) return <Alert type="warning" title="找不到本单位。" />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          本单位登记表
        </Typography.Title>
      }
      extra={
        <Button icon={<PrinterOutlined />} href={`/print/units/${unit.id}/registration`} target="_blank">
          打印登记表
        </Button>
      }
    >
      {!unit.registrationFiled && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="本单位尚未填报分管领导及联络员登记表，请尽快填报，以便热线办联系和推送催办。"
        />
      )}
      <RegistrationForm
        unit={unit}
        onSaved={(u) => setData({ ...data, items: data.items.map((x) => (x.id === u.id ? u : x)) })}
      />
    </Card>
  );
}

import { CloudServerOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncConnectInput } from '../../../core/contract/index.js';

/** Server address, server account and password, as `courtdesk login` asks for them. */
export function ConnectForm({
  initial,
  busy,
  onConnect,
}: {
  initial: { server: string | null; username: string | null };
  busy: boolean;
  onConnect: (input: SyncConnectInput) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SyncConnectInput>();
  const submit = async (values: SyncConnectInput) => {
    const ok = await onConnect({ server: values.server.trim(), username: values.username.trim(), password: values.password });
    // The password is never kept in the page longer than the call.
    form.setFieldValue('password', '');
    return ok;
  };
  return (
    <Form<SyncConnectInput>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={busy}
      onFinish={(v) => void submit(v)}
      initialValues={{ server: initial.server ?? '', username: initial.username ?? '', password: '' }}
      className="sync-connect-form"
      data-testid="sync-connect-form"
    >
      <Form.Item name="server" label={t('sync.connection.server')} rules={[{ required: true, whitespace: true, message: t('sync.connection.serverRequired') }]}>
        <Input prefix={<CloudServerOutlined />} placeholder={t('sync.connection.serverPlaceholder')} autoComplete="url" />
      </Form.Item>
      <Form.Item name="username" label={t('sync.connection.username')} rules={[{ required: true, whitespace: true, message: t('sync.connection.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label={t('sync.connection.password')} rules={[{ required: true, message: t('sync.connection.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('sync.connection.connect')}
      </Button>
    </Form>
  );
}

import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScanDevice } from '../../../core/contract/index.js';

export function DevicePicker({
  devices,
  value,
  loading,
  onChange,
  onRefresh,
}: {
  devices: ScanDevice[];
  value: string | null;
  loading: boolean;
  onChange: (device: string) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap="small">
      <Select
        value={value ?? undefined}
        onChange={onChange}
        loading={loading}
        placeholder={t('scanning.devicePlaceholder')}
        aria-label={t('scanning.device')}
        notFoundContent={t('scanning.noDevices')}
        options={devices.map((d) => ({ value: d.name, label: `${d.vendor} ${d.model}（${d.name}）` }))}
        className="scan-field"
      />
      <Tooltip title={t('scanning.refreshDevices')}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={loading} aria-label={t('scanning.refreshDevices')} />
      </Tooltip>
    </Flex>
  );
}

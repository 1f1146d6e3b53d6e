import {
  AuditOutlined,
  CloudSyncOutlined,
  EditOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  ScanOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NavKey } from './navigation.js';

const icons: Record<NavKey, ReactNode> = {
  cases: <FileSearchOutlined />,
  scanning: <ScanOutlined />,
  cataloguing: <AuditOutlined />,
  dossier: <FolderOpenOutlined />,
  drafting: <EditOutlined />,
  archive: <InboxOutlined />,
  sync: <CloudSyncOutlined />,
  settings: <SettingOutlined />,
};

export function SideNav({ keys, selected, onSelect }: { keys: NavKey[]; selected: NavKey; onSelect: (key: NavKey) => void }) {
  const { t } = useTranslation();
  return (
    <Menu
      mode="inline"
      theme="dark"
      aria-label={t('shell.navigation')}
      selectedKeys={[selected]}
      onClick={({ key }) => onSelect(key as NavKey)}
      items={keys.map((key) => ({ key, icon: icons[key], label: t(`nav.${key}`) }))}
    />
  );
}

import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScanCapabilities } from '../../../core/contract/index.js';

/** What the chosen scanner can do, so the operator knows before choosing. */
export function CapabilityList({ caps }: { caps: ScanCapabilities }) {
  const { t } = useTranslation();
  const r = caps.resolutions;
  const dpi = !r ? t('scanning.unknown') : 'list' in r ? r.list.join(' / ') + ' dpi' : t('scanning.dpiRange', { min: r.min, max: r.max });
  return (
    <Descriptions size="small" column={1} className="scan-capabilities" aria-label={t('scanning.capabilities')}>
      <Descriptions.Item label={t('scanning.source')}>
        {caps.sources.map((s) => (
          <Tag key={s}>{t(`scanning.sources.${s}`)}</Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('scanning.mode')}>
        {caps.modes.length === 0 ? t('scanning.unknown') : caps.modes.map((m) => <Tag key={m}>{t(`scanning.modes.${m}`)}</Tag>)}
      </Descriptions.Item>
      <Descriptions.Item label={t('scanning.resolution')}>{dpi}</Descriptions.Item>
    </Descriptions>
  );
}

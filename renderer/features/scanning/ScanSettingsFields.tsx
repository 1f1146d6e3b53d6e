import { Checkbox, Form, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScanCapabilities } from '../../../core/contract/index.js';
import { resolutionChoices, type DeskSettings } from './deviceSettings.js';

/** Only what the device offers can be chosen. */
export function ScanSettingsFields({ caps, value, onChange }: { caps: ScanCapabilities; value: DeskSettings; onChange: (next: DeskSettings) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item label={t('scanning.source')}>
        <Segmented
          block
          value={value.source}
          onChange={(source) => onChange({ ...value, source: source as DeskSettings['source'] })}
          options={caps.sources.map((s) => ({ value: s, label: t(`scanning.sources.${s}`) }))}
          aria-label={t('scanning.source')}
        />
      </Form.Item>
      {caps.modes.length > 0 && (
      <Form.Item label={t('scanning.mode')}>
        <Segmented
          block
          value={value.mode}
          onChange={(mode) => onChange({ ...value, mode: mode as DeskSettings['mode'] })}
          options={caps.modes.map((m) => ({ value: m, label: t(`scanning.modes.${m}`) }))}
          aria-label={t('scanning.mode')}
        />
      </Form.Item>
      )}
      <Form.Item label={t('scanning.resolution')}>
        <Select
          value={value.resolution}
          onChange={(resolution: number) => onChange({ ...value, resolution })}
          options={resolutionChoices(caps).map((dpi) => ({ value: dpi, label: `${dpi} dpi` }))}
          aria-label={t('scanning.resolution')}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox checked={value.orientation} onChange={(e) => onChange({ ...value, orientation: e.target.checked })}>
          {t('scanning.orientation')}
        </Checkbox>
      </Form.Item>
    </>
  );
}

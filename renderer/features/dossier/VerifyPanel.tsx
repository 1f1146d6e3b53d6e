import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoreVerdictView } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { verdictView } from './verdictView.js';

/** 校验: re-hashes every page and re-derives the ledger, then says 完整 or exactly what is wrong. */
export function VerifyPanel({
  verdict,
  busy,
  error,
  disabled,
  onVerify,
}: {
  verdict: StoreVerdictView | null;
  busy: boolean;
  error: unknown;
  disabled: boolean;
  onVerify: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const view = verdict ? verdictView(verdict, language) : null;
  return (
    <Flex vertical gap="middle" data-testid="verify-panel">
      <Flex align="center" gap="small" wrap>
        <Button icon={<SafetyCertificateOutlined />} onClick={onVerify} loading={busy} disabled={disabled}>
          {t('dossier.verify.run')}
        </Button>
        <Typography.Text type="secondary">{t('dossier.verify.hint')}</Typography.Text>
      </Flex>
      {view && verdict && (
        <Alert
          type={view.tone}
          showIcon
          data-testid="verify-result"
          data-status={verdict.status}
          title={<span className="verify-title">{t(view.title)}</span>}
          description={
            <Flex vertical gap={4}>
              <span>{t(view.detail.key, view.detail.values)}</span>
              {view.remedy && <span>{t('errors.remedy', { remedy: 'text' in view.remedy ? view.remedy.text : t(view.remedy.key) })}</span>}
              <Typography.Text type="secondary" className="verify-time">
                {t('dossier.verify.checkedAt', { at: formatCreatedAt(verdict.checkedAt, language) })}
              </Typography.Text>
            </Flex>
          }
        />
      )}
      {error !== null && <ErrorAlert error={error} />}
    </Flex>
  );
}

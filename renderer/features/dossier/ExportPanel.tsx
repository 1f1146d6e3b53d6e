import { DownloadOutlined, FilePdfOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CourtError, ExportJobResultSchema, type Job } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { useErrorText } from '../errors/useErrorText.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { isActive, rerunnable } from '../jobs/jobStates.js';
import { hashPrefix } from './formatHash.js';

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1);

function ExportResult({ job }: { job: Job }) {
  const { t } = useTranslation();
  const result = ExportJobResultSchema.safeParse(job.result);
  if (!result.success) return null;
  const r = result.data;
  return (
    <Descriptions size="small" column={1} className="export-result" data-testid="export-result">
      <Descriptions.Item label={t('dossier.export.file')}>
        <Typography.Text copyable={{ text: r.file }}>{r.fileName}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.export.extent')}>{t('dossier.export.extentValue', { documents: r.documents, pages: r.pages, size: megabytes(r.bytes) })}</Descriptions.Item>
      <Descriptions.Item label="SHA-256">
        <Typography.Text code copyable={{ text: r.sha256 }} title={r.sha256}>
          {hashPrefix(r.sha256, 16)}
        </Typography.Text>
      </Descriptions.Item>
      {job.finishedAt && <Descriptions.Item label={t('dossier.export.finishedAt')}>{formatCreatedAt(job.finishedAt, currentLanguage())}</Descriptions.Item>}
    </Descriptions>
  );
}

/** 生成电子卷宗 (Ctrl+E), its progress and 取消, then 下载; a job that stopped early says why and offers 重新执行. */
export function ExportPanel({
  job,
  busy,
  error,
  unchanged,
  hasPages,
  onStart,
  onCancel,
  onDownload,
}: {
  job: Job | null;
  busy: boolean;
  error: unknown;
  unchanged: boolean;
  hasPages: boolean;
  onStart: () => void;
  onCancel: () => void;
  onDownload: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const running = job !== null && isActive(job);
  const again = job !== null && rerunnable(job);
  const failure = again && job.error ? errorText(CourtError.fromData(job.error)) : null;
  return (
    <Flex vertical gap="middle" data-testid="export-panel">
      <Flex gap="small" wrap>
        <Tooltip title={t('dossier.export.hint')}>
          <Button type="primary" icon={again ? <RedoOutlined /> : <FilePdfOutlined />} onClick={onStart} loading={busy && !running} disabled={!hasPages || running}>
            {again ? t('dossier.export.rerun') : t('dossier.export.start')}
          </Button>
        </Tooltip>
        {running && (
          <Button danger icon={<StopOutlined />} onClick={onCancel} loading={busy}>
            {t('dossier.export.cancel')}
          </Button>
        )}
        {job?.state === 'done' && (
          <Button icon={<DownloadOutlined />} onClick={onDownload} loading={busy}>
            {t('dossier.export.download')}
          </Button>
        )}
      </Flex>
      {job ? <JobProgress job={job} /> : <Typography.Text type="secondary">{hasPages ? t('dossier.export.none') : t('dossier.export.noPages')}</Typography.Text>}
      {failure && (
        <Alert type={job?.state === 'failed' ? 'error' : 'warning'} showIcon data-error-code={failure.code} title={failure.message} description={t('errors.remedy', { remedy: failure.remedy })} />
      )}
      {unchanged && <Alert type="info" showIcon title={t('dossier.export.unchanged')} data-testid="export-unchanged" />}
      {job?.state === 'done' && <ExportResult job={job} />}
      {error !== null && <ErrorAlert error={error} />}
    </Flex>
  );
}

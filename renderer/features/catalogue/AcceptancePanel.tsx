import { Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AcceptanceReportView } from '../../../core/contract/index.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** For the supervisor: how much of the machine's catalogue people take without change, overall, per verifier and per category. */
export function AcceptancePanel({ report, error }: { report: AcceptanceReportView | null; error: unknown }) {
  const { t } = useTranslation();
  if (error !== null) return <ErrorAlert error={error} />;
  if (!report) return null;
  if (report.overall.pages === 0) return <Typography.Text type="secondary">{t('catalogue.acceptance.none')}</Typography.Text>;
  const rateColumns = [
    { title: t('catalogue.acceptance.rate'), dataIndex: 'rate', key: 'rate', render: percent, width: 80 },
    { title: t('catalogue.acceptance.pages'), key: 'pages', render: (_: unknown, r: { accepted: number; pages: number }) => `${r.accepted}/${r.pages}`, width: 80 },
  ];
  return (
    <div className="catdesk-acceptance" data-testid="catdesk-acceptance">
      <Statistic
        title={t('catalogue.acceptance.overall')}
        value={percent(report.overall.rate)}
        suffix={<Typography.Text type="secondary">{t('catalogue.acceptance.ofPages', { accepted: report.overall.accepted, pages: report.overall.pages })}</Typography.Text>}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="operator"
        dataSource={report.operators}
        aria-label={t('catalogue.acceptance.byOperator')}
        columns={[{ title: t('catalogue.acceptance.operator'), dataIndex: 'operator', key: 'operator' }, ...rateColumns]}
      />
      <Table
        size="small"
        pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
        rowKey={(r) => r.category ?? ''}
        dataSource={report.categories}
        aria-label={t('catalogue.acceptance.byCategory')}
        columns={[
          { title: t('catalogue.acceptance.category'), key: 'category', render: (_: unknown, r) => r.name ?? t('catalogue.acceptance.abstained') },
          ...rateColumns,
        ]}
      />
    </div>
  );
}

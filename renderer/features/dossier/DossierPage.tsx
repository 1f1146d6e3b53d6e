import { Card, Empty, Flex, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type Session } from '../../../core/contract/index.js';
import { useShortcuts } from '../../shell/shortcuts.js';
import { mayCall } from '../auth/access.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { isActive } from '../jobs/jobStates.js';
import { CasePicker } from '../scanning/CasePicker.js';
import { CaseSummary } from './CaseSummary.js';
import { CatalogueTree } from './CatalogueTree.js';
import './dossier.css';
import { ExportPanel } from './ExportPanel.js';
import { LedgerHistory } from './LedgerHistory.js';
import { PageGrid } from './PageGrid.js';
import { useDossier } from './useDossier.js';
import { useDossierExport } from './useDossierExport.js';
import { useVerify } from './useVerify.js';
import { VerifyPanel } from './VerifyPanel.js';

/** 卷宗: one case's catalogue and pages, 生成电子卷宗 with its progress and download, 校验, and the 防篡改日志. */
export function DossierPage({ session, initialCase }: { session: Session; initialCase: string | null }) {
  const { t } = useTranslation();
  const [caseNumber, setCaseNumber] = useState<string | null>(initialCase);
  const [documentIndex, setDocumentIndex] = useState(0);
  const dossier = useDossier(caseNumber);
  const mayExport = mayCall(contract.dossier.export.access, session.roles);
  const mayVerify = mayCall(contract.dossier.verify.access, session.roles);
  const exporting = useDossierExport(caseNumber, mayExport);
  const verify = useVerify(caseNumber);
  const outline = dossier.outline?.case.number === caseNumber ? dossier.outline : null;
  const hasPages = (outline?.pages ?? 0) > 0;

  useEffect(() => setCaseNumber(initialCase), [initialCase]);
  useEffect(() => setDocumentIndex(0), [caseNumber]);

  // A finished export adds to the ledger: its history is read again.
  const lastState = useRef<string | null>(null);
  const job = exporting.job;
  useEffect(() => {
    if (job?.state === 'done' && lastState.current !== null && lastState.current !== 'done') dossier.reload();
    lastState.current = job?.state ?? null;
  }, [job?.state, job?.id, dossier.reload]);

  useShortcuts([
    {
      key: 'e',
      mod: true,
      run: () => {
        if (mayExport && hasPages && !(job && isActive(job)) && !exporting.busy) void exporting.start();
      },
    },
  ]);

  const problem = verify.verdict && 'position' in verify.verdict ? verify.verdict.position : null;
  const shown = outline?.documents[Math.min(documentIndex, outline.documents.length - 1)];

  return (
    <Flex vertical gap="middle" className="dossier-page">
      <Flex align="center" justify="space-between" gap="middle" wrap>
        <Typography.Title level={4} className="page-title">
          {t('dossier.title')}
        </Typography.Title>
        <div className="dossier-case-picker">
          <CasePicker value={caseNumber} onChange={setCaseNumber} />
        </div>
      </Flex>
      {dossier.error !== null && <ErrorAlert error={dossier.error} />}
      {!caseNumber ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossier.pickCase')} />
        </Card>
      ) : !outline ? (
        dossier.loading && (
          <div className="dossier-loading">
            <Spin />
          </div>
        )
      ) : (
        <>
          <Card size="small">
            <CaseSummary outline={outline} />
          </Card>
          <Flex gap="middle" align="start" className="dossier-layout">
            {hasPages && shown ? (
              <>
                <Card size="small" title={t('dossier.catalogue')} className="dossier-catalogue">
                  <CatalogueTree documents={outline.documents} selected={documentIndex} problemPosition={problem} onSelect={setDocumentIndex} />
                </Card>
                <Card
                  size="small"
                  title={shown.title}
                  extra={<Typography.Text type="secondary">{t('dossier.pageRange', { from: shown.firstPage, to: shown.lastPage })}</Typography.Text>}
                  className="dossier-pages"
                >
                  <PageGrid document={shown} problemPosition={problem} />
                </Card>
              </>
            ) : (
              <Card className="dossier-pages">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossier.noPages')} />
              </Card>
            )}
            {(mayExport || mayVerify) && (
              <Flex vertical gap="middle" className="dossier-side">
                {mayExport && (
                  <Card size="small" title={t('dossier.export.title')}>
                    <ExportPanel
                      job={job}
                      busy={exporting.busy}
                      error={exporting.error}
                      unchanged={exporting.unchanged}
                      hasPages={hasPages}
                      onStart={() => void exporting.start()}
                      onCancel={() => void exporting.cancel()}
                      onDownload={() => void exporting.download()}
                    />
                  </Card>
                )}
                {mayVerify && (
                  <Card size="small" title={t('dossier.verify.title')}>
                    <VerifyPanel verdict={verify.verdict} busy={verify.busy} error={verify.error} disabled={!hasPages} onVerify={() => void verify.run()} />
                  </Card>
                )}
              </Flex>
            )}
          </Flex>
          {dossier.ledger && (
            <Card size="small" title={t('dossier.ledger.title')}>
              <LedgerHistory ledger={dossier.ledger} />
            </Card>
          )}
        </>
      )}
    </Flex>
  );
}

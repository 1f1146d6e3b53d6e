import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReceiptTicket } from '../../../core/contract/index.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import type { Removal } from './usePageEdits.js';

/** Above the pages: 撤销 for the page just removed, a receipt just printed, or why an edit failed. */
export function EditBar({ removed, error, issued, onUndo }: { removed: Removal | null; error: unknown; issued: ReceiptTicket | null; onUndo: () => void }) {
  const { t } = useTranslation();
  if (!removed && error === null && !issued) return null;
  return (
    <Flex vertical gap="small" className="scan-edit-bar">
      {removed && (
        <Alert
          type="info"
          showIcon
          title={t('scanning.edit.removed', { n: removed.position })}
          action={
            <Button size="small" onClick={onUndo}>
              {t('scanning.edit.undo')}
            </Button>
          }
        />
      )}
      {issued && <Alert type="success" showIcon title={t('scanning.edit.receiptIssued', { number: issued.number, pages: issued.pages })} />}
      {error !== null && <ErrorAlert error={error} />}
    </Flex>
  );
}

import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../core/contract/index.js';
import { CaseForm } from './CaseForm.js';

export function NewCaseDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (created: Case) => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('caseForm.title')} footer={null} onCancel={onClose} destroyOnHidden width={640} styles={{ header: { marginBottom: 20 } }}>
      <CaseForm onCreated={onCreated} onCancel={onClose} />
    </Modal>
  );
}

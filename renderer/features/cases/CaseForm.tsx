import { Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CourtError, type Case, type Party } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { useErrorText } from '../errors/useErrorText.js';
import { PartyRows } from './PartyRows.js';

interface CaseFormValues {
  number: string;
  title?: string;
  parties?: Partial<Party>[];
}

/** Errors about the 案号 itself are shown under the field; anything else above the buttons. */
const numberErrors = new Set(['INVALID_CASE_NUMBER', 'CASE_EXISTS']);

export function CaseForm({ onCreated, onCancel }: { onCreated: (created: Case) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useCourtApi();
  const errorText = useErrorText();
  const [form] = Form.useForm<CaseFormValues>();
  const [numberRemedy, setNumberRemedy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: CaseFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.cases.create({
        number: values.number,
        title: values.title?.trim() || undefined,
        parties: (values.parties ?? []).map((p) => ({ role: p.role ?? '原告', name: p.name ?? '' })),
      });
      onCreated(created);
    } catch (err) {
      if (err instanceof CourtError && numberErrors.has(err.code)) {
        const text = errorText(err);
        form.setFields([{ name: 'number', errors: [text.message] }]);
        setNumberRemedy(text.remedy);
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<CaseFormValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ parties: [{ role: '原告', name: '' }] }}
      onValuesChange={(changed) => {
        if ('number' in changed) setNumberRemedy(null);
      }}
    >
      <Form.Item
        name="number"
        label={t('caseForm.number')}
        rules={[{ required: true, whitespace: true, message: t('caseForm.numberRequired') }]}
        extra={numberRemedy ?? t('caseForm.numberHint')}
      >
        <Input placeholder={t('caseForm.numberPlaceholder')} autoFocus maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="title" label={t('caseForm.caseTitle')}>
        <Input placeholder={t('caseForm.titlePlaceholder')} maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('caseForm.parties')} required={false}>
        <PartyRows />
      </Form.Item>
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Flex justify="end" gap="small">
        <Button onClick={onCancel}>{t('caseForm.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('caseForm.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { partyRoles } from '../../../core/contract/index.js';

/** One row per party: standing (from the contract's list) and name. */
export function PartyRows() {
  const { t } = useTranslation();
  const roleOptions = partyRoles.map((role) => ({ value: role, label: t(`partyRoles.${role}`) }));
  return (
    <Form.List name="parties">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Flex key={field.key} gap="small" align="baseline">
              <Form.Item name={[field.name, 'role']} className="party-role">
                <Select options={roleOptions} aria-label={`${t('caseForm.partyRole')} ${index + 1}`} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                className="party-name"
                rules={[{ required: true, whitespace: true, message: t('caseForm.partyNameRequired') }]}
              >
                <Input placeholder={t('caseForm.partyName')} aria-label={`${t('caseForm.partyName')} ${index + 1}`} maxLength={100} />
              </Form.Item>
              <Tooltip title={t('caseForm.removeParty')}>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('caseForm.removeParty')} onClick={() => remove(field.name)} />
              </Tooltip>
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: fields.length === 0 ? '原告' : '被告', name: '' })}>
            {t('caseForm.addParty')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

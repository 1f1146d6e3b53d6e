import { PrinterOutlined, ScanOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CourtError, type ScanDevice } from '../../../core/contract/index.js';
import { useShortcuts } from '../../shell/shortcuts.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { BatchList } from './BatchList.js';
import { CapabilityList } from './CapabilityList.js';
import { CasePicker } from './CasePicker.js';
import { DevicePicker } from './DevicePicker.js';
import { EditBar } from './EditBar.js';
import { lastDevice, loadSettings, rememberDevice, saveSettings, type DeskSettings } from './deviceSettings.js';
import { ScanSettingsFields } from './ScanSettingsFields.js';
import { ScanStatus } from './ScanStatus.js';
import { ThumbnailGrid, type GridEdits } from './ThumbnailGrid.js';
import { useDevices } from './useDevices.js';
import { usePageEdits } from './usePageEdits.js';
import { useReceipt } from './useReceipt.js';
import { useScanSession } from './useScanSession.js';

/** A stack of filings wants a feeder: first a device that has one, then any that answered. */
function preferredDevice(devices: ScanDevice[]): string {
  return (devices.find((d) => d.capabilities?.sources.includes('adf')) ?? devices.find((d) => d.capabilities) ?? devices[0]).name;
}

/** 扫描: choose the case and the scanner, press one button, watch the pages arrive. */
export function ScanningPage() {
  const { t } = useTranslation();
  const [caseNumber, setCaseNumber] = useState<string | null>(null);
  const { devices, loading, error: deviceError, refresh } = useDevices();
  const [deviceName, setDeviceName] = useState<string | null>(lastDevice);
  const device = devices.find((d) => d.name === deviceName) ?? null;
  const [settings, setSettings] = useState<DeskSettings | null>(null);
  const session = useScanSession(caseNumber);
  const edits = usePageEdits(caseNumber, session.applyEdit);
  const receipt = useReceipt(caseNumber);
  const running = session.current?.status === 'running';

  useEffect(() => {
    if (!loading && devices.length > 0 && !device) setDeviceName(preferredDevice(devices));
  }, [loading, devices, device]);
  useEffect(() => {
    setSettings(device ? loadSettings(device.name, device.capabilities) : null);
  }, [device]);

  const chooseDevice = (name: string) => {
    rememberDevice(name);
    setDeviceName(name);
  };
  const changeSettings = (next: DeskSettings) => {
    setSettings(next);
    if (device) saveSettings(device.name, next);
  };
  const canStart = Boolean(caseNumber && device?.capabilities && settings && !running && !session.busy);
  const start = () => {
    if (canStart && device && settings) void session.start(device.name, settings);
  };
  // Rescan and insert use the scanner chosen on the left, as 开始扫描 does.
  const scanner = canStart && edits.busyPageId === null && device && settings ? { device: device.name, settings } : null;
  const gridEdits: GridEdits = {
    busyPageId: edits.busyPageId,
    rotate: edits.rotate,
    move: edits.move,
    remove: edits.remove,
    undo: edits.undo,
    rescan: scanner ? (page) => edits.rescan(page, scanner.device, scanner.settings) : undefined,
    insertAfter: scanner ? (page) => void session.start(scanner.device, scanner.settings, page.position) : undefined,
  };
  useShortcuts([
    { key: 'F9', run: start },
    { key: 'Enter', mod: true, run: start },
    { key: 'Escape', run: () => running && void session.cancel() },
  ]);

  return (
    <Flex vertical gap="middle" className="scanning-page">
      <Typography.Title level={4} className="page-title">
        {t('scanning.title')}
      </Typography.Title>
      <Flex gap="middle" align="start" className="scan-layout">
        <Card title={t('scanning.setup')} size="small" className="scan-setup">
          <Form layout="vertical" component="div">
            <Form.Item label={t('scanning.case')} required>
              <CasePicker value={caseNumber} onChange={setCaseNumber} />
            </Form.Item>
            <Form.Item label={t('scanning.device')} required>
              <DevicePicker devices={devices} value={device?.name ?? null} loading={loading} onChange={chooseDevice} onRefresh={refresh} />
            </Form.Item>
            {deviceError !== null && <ErrorAlert error={deviceError} />}
            {device?.error && <ErrorAlert error={CourtError.fromData(device.error)} />}
            {device?.capabilities && <CapabilityList caps={device.capabilities} />}
            {device?.capabilities && settings && <ScanSettingsFields caps={device.capabilities} value={settings} onChange={changeSettings} />}
          </Form>
          <Button type="primary" size="large" block icon={<ScanOutlined />} className="scan-start" disabled={!canStart} loading={running} onClick={start}>
            {running ? t('scanning.scanning') : t('scanning.start')}
          </Button>
          <Typography.Text type="secondary" className="scan-start-hint">
            {caseNumber ? t('scanning.startHint') : t('scanning.pickCase')}
          </Typography.Text>
        </Card>
        <Flex vertical gap="middle" className="scan-main">
          <Card size="small">
            <ScanStatus
              current={session.current}
              arrivals={session.arrivals}
              casePages={session.pages.length}
              busy={session.busy}
              onCancel={() => void session.cancel()}
              onResume={(id) => void session.resume(id)}
            />
            {session.error !== null && (
              <div className="scan-call-error">
                <ErrorAlert error={session.error} />
              </div>
            )}
          </Card>
          <Card
            size="small"
            title={t('scanning.pages')}
            className="scan-pages"
            extra={
              <Button icon={<PrinterOutlined />} onClick={receipt.print} loading={receipt.busy} disabled={!caseNumber || session.pages.length === 0}>
                {t('scanning.edit.receipt')}
              </Button>
            }
          >
            {session.pages.length > 0 && (
              <Typography.Text type="secondary" className="scan-edit-hint">
                {t('scanning.edit.hint')}
              </Typography.Text>
            )}
            <EditBar removed={edits.removed} error={edits.error ?? receipt.error} issued={receipt.issued} onUndo={edits.undo} />
            <ThumbnailGrid pages={session.pages} caseChosen={caseNumber !== null} edits={caseNumber ? gridEdits : undefined} />
          </Card>
        </Flex>
      </Flex>
      {caseNumber && (
        <Card size="small" title={t('scanning.batches')}>
          <BatchList batches={session.batches} busy={session.busy} scanning={running} onResume={(id) => void session.resume(id)} />
        </Card>
      )}
    </Flex>
  );
}

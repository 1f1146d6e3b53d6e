import './jsdomShims.js';
import { configure, render, type RenderResult } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { clientOver } from '../../../renderer/api/connect.js';
import { CourtProvider } from '../../../renderer/api/CourtContext.js';
import { initI18n } from '../../../renderer/i18n/i18n.js';
import type { Transport } from '../../../renderer/api/transport.js';

initI18n('zh-CN');
// Ant Design's first render is slow on a busy 2-core machine; the default 1 s wait is too tight.
configure({ asyncUtilTimeout: 5000 });

/** For describe(): mounting Ant Design components takes seconds under load. */
export const componentTestOptions = { timeout: 30_000 };

export function renderWithCourt(ui: ReactNode, transport: Transport): RenderResult {
  return render(
    <App>
      <CourtProvider client={clientOver(transport)}>{ui}</CourtProvider>
    </App>,
  );
}

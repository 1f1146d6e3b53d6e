import { Layout } from 'antd';
import { useState } from 'react';
import type { Session } from '../../core/contract/index.js';
import { CaseListPage } from '../features/cases/CaseListPage.js';
import { ScanningPage } from '../features/scanning/ScanningPage.js';
import { ComingSoon } from './ComingSoon.js';
import { HeaderBar } from './HeaderBar.js';
import { navFor, type NavKey } from './navigation.js';
import { SideNav } from './SideNav.js';

export function AppShell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const keys = navFor(session.roles);
  const [selected, setSelected] = useState<NavKey>('cases');
  const current = keys.includes(selected) ? selected : 'cases';
  return (
    <Layout className="app-shell">
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div className="brand">CourtDesk</div>
        <SideNav keys={keys} selected={current} onSelect={setSelected} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <HeaderBar session={session} onLogout={onLogout} />
        </Layout.Header>
        <Layout.Content className="app-content">
          {current === 'cases' ? <CaseListPage session={session} /> : current === 'scanning' ? <ScanningPage /> : <ComingSoon area={current} />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

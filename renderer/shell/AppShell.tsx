import { Layout } from 'antd';
import { useState } from 'react';
import type { Session } from '../../core/contract/index.js';
import { CaseListPage } from '../features/cases/CaseListPage.js';
import { CataloguePage } from '../features/catalogue/CataloguePage.js';
import { DossierPage } from '../features/dossier/DossierPage.js';
import { ScanningPage } from '../features/scanning/ScanningPage.js';
import { SyncPage } from '../features/sync/SyncPage.js';
import { ComingSoon } from './ComingSoon.js';
import { HeaderBar } from './HeaderBar.js';
import { navFor, type NavKey } from './navigation.js';
import { SideNav } from './SideNav.js';

export function AppShell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const keys = navFor(session.roles);
  const [selected, setSelected] = useState<NavKey>('cases');
  const current = keys.includes(selected) ? selected : 'cases';
  const [dossierCase, setDossierCase] = useState<string | null>(null);
  const openDossier = (number: string) => {
    setDossierCase(number);
    setSelected('dossier');
  };
  const page =
    current === 'cases' ? (
      <CaseListPage session={session} onOpenDossier={keys.includes('dossier') ? openDossier : undefined} />
    ) : current === 'scanning' ? (
      <ScanningPage />
    ) : current === 'cataloguing' ? (
      <CataloguePage session={session} />
    ) : current === 'dossier' ? (
      <DossierPage session={session} initialCase={dossierCase} />
    ) : current === 'sync' ? (
      <SyncPage />
    ) : (
      <ComingSoon area={current} />
    );
  return (
    <Layout className="app-shell">
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div className="brand">CourtDesk</div>
        <SideNav keys={keys} selected={current} onSelect={setSelected} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <HeaderBar session={session} onLogout={onLogout} onOpenSync={keys.includes('sync') ? () => setSelected('sync') : undefined} />
        </Layout.Header>
        <Layout.Content className="app-content">
          {page}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

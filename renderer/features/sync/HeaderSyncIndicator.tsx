import { Button } from 'antd';
import { SyncIndicator } from './SyncIndicator.js';
import { useSyncStatus } from './useSyncStatus.js';

/** The court-server light in the header bar; a click opens the 同步 page. */
export function HeaderSyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { status } = useSyncStatus();
  if (!status) return null;
  return (
    <Button type="text" size="small" onClick={onOpen} className="header-sync">
      <SyncIndicator status={status} />
    </Button>
  );
}

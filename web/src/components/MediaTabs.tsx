// Second-level navigation of the Media area: the grid, uploads, ingest jobs and hash sets.
import { canUploadMedia } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export type MediaPage = 'grid' | 'upload' | 'ingests' | 'hashsets';

const TABS: readonly { id: MediaPage; label: string; path: string }[] = [
  { id: 'grid', label: 'Media', path: paths.media() },
  { id: 'upload', label: 'Upload', path: paths.mediaUpload },
  { id: 'ingests', label: 'Ingests', path: paths.ingests },
  { id: 'hashsets', label: 'Hash sets', path: paths.hashSets },
];

export function MediaTabs({ current }: { current: MediaPage | null }) {
  const { user } = useSession().session;
  const tabs = TABS.filter((tab) => tab.id !== 'upload' || canUploadMedia(user));
  return (
    <nav className="tabs" aria-label="Media">
      {tabs.map((tab) => (
        <a key={tab.id} href={href(tab.path)} aria-current={tab.id === current ? 'page' : undefined} data-testid={`media-tab-${tab.id}`}>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

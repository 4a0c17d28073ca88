// Second-level navigation of the Administration area.
import { href, paths } from '../router';

type AdminPage = 'users' | 'tokens' | 'agencies';

const TABS: readonly { id: AdminPage; label: string; path: string }[] = [
  { id: 'users', label: 'Users', path: paths.users },
  { id: 'tokens', label: 'API tokens', path: paths.tokens },
  { id: 'agencies', label: 'Agencies', path: paths.agencies },
];

export function AdminTabs({ current }: { current: AdminPage }) {
  return (
    <nav className="tabs" aria-label="Administration">
      {TABS.map((tab) => (
        <a key={tab.id} href={href(tab.path)} aria-current={tab.id === current ? 'page' : undefined} data-testid={`admin-tab-${tab.id}`}>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

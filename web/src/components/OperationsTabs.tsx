// Second-level navigation of the Operations area: cases, and persons for those who may read them.
import { canReadPersons } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export type OperationsPage = 'cases' | 'persons';

export function OperationsTabs({ current }: { current: OperationsPage }) {
  const { user } = useSession().session;
  const tabs: readonly { id: OperationsPage; label: string; path: string }[] = [
    { id: 'cases', label: 'Cases', path: paths.cases },
    ...(canReadPersons(user) ? [{ id: 'persons' as const, label: 'Persons', path: paths.persons() }] : []),
  ];
  if (tabs.length < 2) return null;
  return (
    <nav className="tabs" aria-label="Operations">
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={href(tab.path)}
          aria-current={tab.id === current ? 'page' : undefined}
          data-testid={`operations-tab-${tab.id}`}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

// Second-level navigation of the Screening area: checks, batch checks, the review queue, operations and watchlists.
import { href, paths } from '../router';
import { useRememberedOperation } from '../screening-memory';

export type ScreeningPage = 'check' | 'batch' | 'review' | 'operations' | 'watchlists';

export function ScreeningTabs({ current }: { current: ScreeningPage | null }) {
  const [operationId] = useRememberedOperation();
  const tabs: readonly { id: ScreeningPage; label: string; path: string }[] = [
    { id: 'check', label: 'Check', path: paths.screeningCheck },
    { id: 'batch', label: 'Batch', path: paths.screeningBatch },
    { id: 'review', label: 'Review queue', path: paths.screeningReview(operationId) },
    { id: 'operations', label: 'Border operations', path: paths.screeningOperations },
    { id: 'watchlists', label: 'Watchlists', path: paths.watchlists },
  ];
  return (
    <nav className="tabs" aria-label="Screening">
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={href(tab.path)}
          aria-current={tab.id === current ? 'page' : undefined}
          data-testid={`screening-tab-${tab.id}`}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

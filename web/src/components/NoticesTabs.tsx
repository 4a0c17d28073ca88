// Second-level navigation of the Notices area: the notices, the review queue, campaigns and the tip queue.
import { canReadTips, canWriteNotices } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export type NoticesPage = 'notices' | 'review' | 'campaigns' | 'tips';

export function NoticesTabs({ current }: { current: NoticesPage | null }) {
  const { user } = useSession().session;
  const tabs: readonly { id: NoticesPage; label: string; path: string; shown: boolean }[] = [
    { id: 'notices', label: 'Notices', path: paths.notices(), shown: true },
    { id: 'review', label: 'Review queue', path: paths.noticesReview, shown: canWriteNotices(user) },
    { id: 'campaigns', label: 'Campaigns', path: paths.campaigns, shown: true },
    { id: 'tips', label: 'Tips', path: paths.tips(), shown: canReadTips(user) },
  ];
  return (
    <nav className="tabs" aria-label="Notices">
      {tabs
        .filter((tab) => tab.shown)
        .map((tab) => (
          <a
            key={tab.id}
            href={href(tab.path)}
            aria-current={tab.id === current ? 'page' : undefined}
            data-testid={`notices-tab-${tab.id}`}
          >
            {tab.label}
          </a>
        ))}
    </nav>
  );
}

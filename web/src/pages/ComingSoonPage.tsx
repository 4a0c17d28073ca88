// Placeholder for the areas that are not built yet: one sentence on what will come, no fake data.
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../hooks';
import type { UpcomingArea } from '../router';

const UPCOMING: Record<UpcomingArea, { title: string; description: string }> = {
  series: {
    title: 'Series & victims',
    description: 'Grouping media into series and following identified and unidentified victims across agencies will live here.',
  },
};

export function ComingSoonPage({ area }: { area: UpcomingArea }) {
  const { title, description } = UPCOMING[area];
  useDocumentTitle(title);
  return (
    <section data-testid={`coming-soon-${area}`}>
      <PageHeader title={title} />
      <p className="coming-soon">
        <span className="badge badge-info">Coming</span> {description}
      </p>
    </section>
  );
}

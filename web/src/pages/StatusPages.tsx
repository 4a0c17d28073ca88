// Pages for routes that do not exist or that the user's roles do not open.
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../hooks';
import { href, paths } from '../router';

export function PageNotFound() {
  useDocumentTitle('Page not found');
  return (
    <section data-testid="page-not-found">
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. <a href={href(paths.home)}>Go to the start page</a>.
      </p>
    </section>
  );
}

export function NoAccess({ area }: { area: string }) {
  useDocumentTitle(area);
  return (
    <section data-testid="no-access">
      <PageHeader title={area} />
      <p>Your roles do not give access to this area. Ask an administrator of your agency if you need it.</p>
    </section>
  );
}

// The signed-in frame: header with the user menu, left navigation, main content.
import { useEffect, useRef, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { areaOf, visibleAreas } from '../areas';
import { rolesLabel } from '../format';
import { href, paths, type Route } from '../router';
import { useSession } from '../session';

interface ShellProps {
  route: Route;
  routeKey: string;
  children: ReactNode;
}

export function Shell({ route, routeKey, children }: ShellProps) {
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [routeKey]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain(mainRef)}>
        Skip to content
      </a>
      <Header />
      <div className="shell-body">
        <Navigation route={route} />
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {children}
        </main>
      </div>
    </div>
  );
}

/** The skip link must not change the hash, which is the router's. */
function skipToMain(mainRef: RefObject<HTMLElement | null>) {
  return (event: MouseEvent) => {
    event.preventDefault();
    mainRef.current?.focus();
  };
}

function Header() {
  const { session, signOut } = useSession();
  const { user } = session;
  return (
    <header className="header">
      <a className="brand" href={href(paths.home)}>
        Vigil
      </a>
      <div className="user-menu" data-testid="user-menu">
        <div className="user-identity">
          <span className="user-name">{user.displayName}</span>
          <span className="user-meta">
            {user.agency.name} · {rolesLabel(user.roles)}
          </span>
        </div>
        <button type="button" className="button button-quiet" onClick={signOut} data-testid="logout">
          Sign out
        </button>
      </div>
    </header>
  );
}

function Navigation({ route }: { route: Route }) {
  const { session } = useSession();
  const current = areaOf(route);
  return (
    <nav className="nav" aria-label="Areas">
      <ul>
        {visibleAreas(session.user).map((area) => (
          <li key={area.id}>
            <a href={href(area.path)} aria-current={area.id === current ? 'page' : undefined} data-testid={`nav-${area.id}`}>
              {area.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

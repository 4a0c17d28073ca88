// The areas of the console, in navigation order, and who sees them.
import type { SessionUser } from './api';
import { canAdminister, canAudit, canReadDarkweb, canReadMedia, canReadNotices, canScreen } from './permissions';
import { paths, type Route } from './router';

export type AreaId = 'media' | 'series' | 'screening' | 'notices' | 'darkweb' | 'operations' | 'administration' | 'audit';

export interface Area {
  id: AreaId;
  label: string;
  path: string;
  isVisible: (user: SessionUser) => boolean;
}

const everyone = () => true;

export const AREAS: readonly Area[] = [
  { id: 'media', label: 'Media', path: paths.media(), isVisible: canReadMedia },
  { id: 'series', label: 'Series & victims', path: paths.upcoming('series'), isVisible: everyone },
  { id: 'screening', label: 'Screening', path: paths.screeningCheck, isVisible: canScreen },
  { id: 'notices', label: 'Notices', path: paths.notices(), isVisible: canReadNotices },
  { id: 'darkweb', label: 'Dark web', path: paths.darkwebSites, isVisible: canReadDarkweb },
  { id: 'operations', label: 'Operations', path: paths.cases, isVisible: everyone },
  { id: 'administration', label: 'Administration', path: paths.users, isVisible: canAdminister },
  { id: 'audit', label: 'Audit', path: paths.audit, isVisible: canAudit },
];

export function visibleAreas(user: SessionUser): Area[] {
  return AREAS.filter((area) => area.isVisible(user));
}

export function areaOf(route: Route): AreaId | null {
  switch (route.name) {
    case 'upcoming':
      return route.area;
    case 'media':
    case 'media-item':
    case 'media-upload':
    case 'ingests':
    case 'ingest':
    case 'hashsets':
    case 'hashset':
      return 'media';
    case 'screening-check':
    case 'screening-batch':
    case 'screening-review':
    case 'screening-operations':
    case 'screening-operation':
    case 'screening-watchlists':
    case 'screening-watchlist':
      return 'screening';
    case 'notices':
    case 'notices-review':
    case 'notice-new':
    case 'notice':
    case 'notice-edit':
    case 'campaigns':
    case 'campaign-new':
    case 'campaign':
    case 'tips':
    case 'tip':
      return 'notices';
    case 'darkweb-sites':
    case 'darkweb-site':
    case 'darkweb-visit':
    case 'darkweb-page':
    case 'darkweb-accounts':
    case 'darkweb-alerts':
      return 'darkweb';
    case 'cases':
    case 'case':
    case 'persons':
    case 'person':
      return 'operations';
    case 'users':
    case 'tokens':
    case 'agencies':
      return 'administration';
    case 'audit':
      return 'audit';
    case 'home':
    case 'unknown':
      return null;
  }
}

/** Every capability's routes, mounted under /api/v1. */
import type { App } from '../../app.js';
import { darkwebRoutes } from '../../darkweb/darkweb.routes.js';
import { hashSetRoutes } from '../../media/hashsets/hashset.routes.js';
import { mediaRoutes } from '../../media/media.routes.js';
import { caseRoutes } from '../../operations/case.routes.js';
import { personRoutes } from '../../operations/person.routes.js';
import { noticeRoutes } from '../../notices/notice.routes.js';
import { tipRoutes } from '../../notices/tips/tip.routes.js';
import { borderOperationRoutes } from '../../screening/operations/operation.routes.js';
import { screeningRoutes } from '../../screening/screening.routes.js';
import { watchlistRoutes } from '../../screening/watchlists/watchlist.routes.js';
import { agencyRoutes } from '../agencies/agency.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { tokenRoutes } from '../auth/token.routes.js';
import { userRoutes } from '../auth/user.routes.js';
import type { Server } from './server.js';

export function registerRoutes(api: Server, app: App): void {
  authRoutes(api, app);
  agencyRoutes(api, app);
  userRoutes(api, app);
  tokenRoutes(api, app);
  auditRoutes(api, app);
  caseRoutes(api, app);
  personRoutes(api, app);
  borderOperationRoutes(api, app);
  hashSetRoutes(api, app);
  mediaRoutes(api, app);
  watchlistRoutes(api, app);
  screeningRoutes(api, app);
  noticeRoutes(api, app);
  tipRoutes(api, app);
  darkwebRoutes(api, app);
}

/** The public site: server-rendered search, notice, campaign and tip pages in four languages. */
import type { App } from '../../app.js';
import type { Server } from '../../platform/http/server.js';

export function publicPageRoutes(_server: Server, _app: App): void {
  // Filled in by the public pages work (issue 5).
}

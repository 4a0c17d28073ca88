/** The public notices API under /api/public/v1, shaped like INTERPOL's public notices API. */
import type { App } from '../../app.js';
import type { Server } from '../../platform/http/server.js';

export function publicApiRoutes(_api: Server, _app: App): void {
  // Filled in by the public API work (issue 5).
}

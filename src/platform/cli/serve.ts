/** Runs the HTTP server until SIGINT or SIGTERM, then drains requests and closes the database. */
import type { App } from '../../app.js';
import { buildServer } from '../http/server.js';
import { DarkwebWorker } from '../../darkweb/darkweb-worker.js';
import { torSelfTest } from '../../darkweb/transport/tor-self-test.js';

export async function serve(app: App, onListening: (url: string) => void): Promise<void> {
  const server = await buildServer(app);
  await server.listen({ port: app.config.port, host: app.config.host });
  // The match index loads while the server already answers; the first match waits for it.
  void app.services.matcher.warm().then(
    (size) => server.log.info({ size }, 'PDQ match index loaded'),
    (error: unknown) => server.log.error({ err: error }, 'PDQ match index failed to load'),
  );
  void app.services.screening.warm().then(
    (size) => server.log.info(size, 'Screening index built'),
    (error: unknown) => server.log.error({ err: error }, 'Screening index failed to build'),
  );
  const tor = app.config.torSocks;
  if (tor !== undefined)
    void torSelfTest(tor).then((result) =>
      result.ok ? server.log.info({ tor }, result.message) : server.log.warn({ tor }, `Dark web crawling cannot start: ${result.message}`),
    );
  // Visits queued from the console run here unless separate `vigil darkweb worker` processes do the crawling.
  const crawling = new AbortController();
  const worker = app.config.darkwebWorker
    ? new DarkwebWorker(app.services.sites.repository, app.services.darkweb, app.services.alerts, {
        pollMs: 5_000,
        log: (line) => server.log.info(line),
      })
        .run(crawling.signal)
        .catch((error: unknown) => server.log.error({ err: error }, 'Dark web worker stopped'))
    : Promise.resolve();
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : app.config.port;
  const host = app.config.host.includes(':') ? `[${app.config.host}]` : app.config.host;
  onListening(`http://${host}:${port}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      crawling.abort();
      void Promise.all([server.close(), worker]).then(() => resolve(), resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

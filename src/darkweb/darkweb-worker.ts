/**
 * The scheduled crawler (`vigil darkweb worker`): opens a visit for every active site whose next
 * crawl is due, and works on open visits, sharing them with other workers on the same database
 * (frontier items are claimed with FOR UPDATE SKIP LOCKED). Alerts waiting for the webhook are
 * retried on every round.
 *
 *   await new DarkwebWorker(sites, darkweb, alerts, { pollMs: 10_000 }).run(signal);
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { systemActor } from '../platform/access/actor.js';
import type { AlertService } from './alert.service.js';
import type { DarkwebService } from './darkweb.service.js';
import type { SiteRepository } from './site.repository.js';

export class DarkwebWorker {
  constructor(
    private readonly sites: SiteRepository,
    private readonly darkweb: DarkwebService,
    private readonly alerts: AlertService,
    private readonly options: { pollMs: number; log?: (line: string) => void },
  ) {}

  /** Rounds until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    while (!signal.aborted) {
      const worked = await this.round(signal).catch((error: unknown) => {
        log(`round failed: ${(error as Error).message}`);
        return false;
      });
      if (!worked) await sleep(this.options.pollMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** One round: queue due sites, run every open visit; true when there was work. */
  async round(signal?: AbortSignal): Promise<boolean> {
    const log = this.options.log ?? (() => undefined);
    const actor = systemActor('darkweb worker');
    for (const siteId of await this.sites.due(new Date(), 100)) {
      const { visit, created } = await this.darkweb.queueCrawl(actor, siteId);
      if (created) log(`queued visit ${visit.id} of site ${siteId}`);
      // Not due again until this visit finishes and sets the next time.
      await this.sites.setSchedule(siteId, null);
    }
    const open = await this.darkweb.openVisits(20);
    for (const visit of open) {
      if (signal?.aborted === true) break;
      try {
        const summary = await this.darkweb.runVisit(visit.id, signal ? { signal } : {});
        log(`visit ${visit.id}: ${summary.status} ${summary.outcome ?? ''} ${summary.pagesFetched} pages, ${summary.mediaSeen} media`);
      } catch (error) {
        // A visit that cannot run (no Tor proxy for an onion site, a broken data directory) fails with the reason instead of blocking the queue.
        log(`visit ${visit.id} failed: ${(error as Error).message}`);
        await this.darkweb.failVisit(visit.id, (error as Error).message);
      }
    }
    await this.alerts.deliver();
    return open.length > 0;
  }
}

/**
 * Dark web alerts: known material found (with the hash set and its labels), a surge of new unknown
 * media, a watched account appearing on another site, a site going up or down, a session expired
 * (the login wall came back), a challenge page in the way. One alert per visit and kind, updated
 * as the visit goes on; shown in the console and POSTed to the configured webhook (hashes and
 * labels only, never media).
 *
 *   const crawler = new Crawler({ …, listener: alerts });
 */
import type { Actor } from '../platform/access/actor.js';
import { assertMayRead, orNotFound, viewerOf } from '../platform/access/visibility.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { AlertRepository, Alert, AlertFilter } from './alert.repository.js';
import type { CrawlRepository } from './crawl.repository.js';
import type { BatchFindings, VisitListener, VisitSummary } from './crawler.js';
import type { AlertKind } from './darkweb.schema.js';
import type { SiteForCrawl } from './site.repository.js';
import { sitePolicy } from './site.service.js';
import { mayReadLabels } from './darkweb.service.js';

/** New unknown media in one visit that make a surge: at least this many, and 3× the visit before. */
export const surgeMinimum = 20;
const maxItemsPerAlert = 100;

export interface WebhookOptions {
  url: string | undefined;
  /** Tests pass their own. */
  post?: (url: string, body: string) => Promise<boolean>;
}

export class AlertService implements VisitListener {
  constructor(
    private readonly repository: AlertRepository,
    private readonly crawl: CrawlRepository,
    private readonly audit: AuditService,
    private readonly webhook: WebhookOptions = { url: undefined },
  ) {}

  async list(actor: Actor, filter: Partial<AlertFilter>): Promise<Alert[]> {
    assertMayRead(actor, sitePolicy);
    const alerts = await this.repository.listVisible(viewerOf(actor), {
      ...filter,
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
    });
    return alerts.map((alert) => (mayReadLabels(actor, alert.ownerAgencyId) ? alert : withoutLabels(alert)));
  }

  async acknowledge(actor: Actor, id: string): Promise<Alert> {
    assertMayRead(actor, sitePolicy);
    const alert = orNotFound(isUuid(id) ? await this.repository.findVisible(viewerOf(actor), id) : undefined, {
      ...sitePolicy,
      label: 'Alert',
    });
    await this.repository.acknowledge(id, actor.type === 'user' ? actor.id : null);
    await this.audit.record(actor, {
      action: 'darkweb.alert.acknowledge',
      outcome: 'success',
      recordType: 'darkweb_alert',
      recordId: id,
      recordAgencyId: alert.ownerAgencyId,
    });
    return (await this.repository.findVisible('all', id))!;
  }

  async batchWritten(site: SiteForCrawl, visitId: string, findings: BatchFindings): Promise<void> {
    if (findings.knownMedia.length > 0) {
      const items = findings.knownMedia.map((m) => ({
        url: m.url,
        page: m.pageUrl,
        sha256: m.sha256,
        matches: m.matches,
      }));
      await this.#raiseOrGrow(site, visitId, 'known_material', items, (n) => `${n} known media on ${site.name}`);
    }
    if (findings.loggedOut.length > 0)
      await this.#raiseOnce(site, visitId, 'session_expired', `${site.name}: the login wall is back (session expired or missing)`, {
        urls: findings.loggedOut.slice(0, 10),
        hadSession: site.sessionCookie !== null,
      });
    if (findings.challenges.length > 0)
      await this.#raiseOnce(site, visitId, 'challenge', `${site.name}: a challenge or anti-DDoS page is in the way`, {
        urls: findings.challenges.slice(0, 10),
      });
    if (findings.accounts.length > 0) {
      const watched = await this.repository.watchedElsewhere(site.id, findings.accounts);
      if (watched.length > 0) {
        const items = watched.map((w) => ({
          kind: w.kind,
          value: w.value,
          watchedOnSite: w.siteId,
          url: findings.accounts.find((a) => a.value === w.value)?.url,
        }));
        await this.#raiseOrGrow(
          site,
          visitId,
          'watched_account',
          items,
          (n) => `${n} watched account${n === 1 ? '' : 's'} seen on ${site.name}`,
        );
      }
    }
  }

  async visitFinished(site: SiteForCrawl, visitId: string, summary: VisitSummary): Promise<void> {
    const state = summary.outcome === 'down' ? 'down' : 'up';
    if (site.lastState !== null && site.lastState !== state)
      await this.#raiseOnce(
        site,
        visitId,
        state === 'up' ? 'site_up' : 'site_down',
        `${site.name} is ${state === 'up' ? 'up again' : 'down'}`,
        {
          failureClass: summary.failureClass,
        },
      );
    else if (site.lastState === null && state === 'down')
      await this.#raiseOnce(site, visitId, 'site_down', `${site.name} is down`, { failureClass: summary.failureClass });
    const visit = await this.crawl.findVisit(visitId);
    const previous = await this.crawl.previousVisit(site.id, visitId);
    if (visit !== undefined && visit.mediaNew >= surgeMinimum && visit.mediaNew >= 3 * Math.max(1, previous?.mediaNew ?? 0))
      await this.#raiseOnce(site, visitId, 'new_media_surge', `${visit.mediaNew} new unknown media on ${site.name}`, {
        mediaNew: visit.mediaNew,
        previousVisit: previous?.id ?? null,
        previousMediaNew: previous?.mediaNew ?? null,
      });
    await this.deliver();
  }

  /** Sends pending alerts to the webhook; an alert is given up after 5 failed attempts. */
  async deliver(): Promise<{ sent: number; failed: number }> {
    const url = this.webhook.url;
    if (url === undefined) return { sent: 0, failed: 0 };
    const post = this.webhook.post ?? postJson;
    let sent = 0;
    let failed = 0;
    for (const alert of await this.repository.pendingDeliveries(100)) {
      const body = JSON.stringify({
        id: alert.id,
        kind: alert.kind,
        title: alert.title,
        site: { id: alert.siteId, name: alert.siteName },
        visitId: alert.visitId,
        createdAt: alert.createdAt,
        details: alert.details,
      });
      const ok = await post(url, body).catch(() => false);
      const attempts = alert.webhookAttempts + 1;
      await this.repository.delivered(alert.id, ok, attempts >= 5);
      if (ok) sent++;
      else failed++;
    }
    return { sent, failed };
  }

  async #raiseOnce(site: SiteForCrawl, visitId: string, kind: AlertKind, title: string, details: Record<string, unknown>): Promise<void> {
    if ((await this.repository.findForVisit(visitId, kind)) !== undefined) return;
    await this.repository.insert({ siteId: site.id, visitId, kind, title, details, webhook: this.webhook.url !== undefined });
  }

  async #raiseOrGrow(
    site: SiteForCrawl,
    visitId: string,
    kind: AlertKind,
    items: unknown[],
    title: (count: number) => string,
  ): Promise<void> {
    const existing = await this.repository.findForVisit(visitId, kind);
    if (existing === undefined) {
      await this.repository.insert({
        siteId: site.id,
        visitId,
        kind,
        title: title(items.length),
        details: { count: items.length, items: items.slice(0, maxItemsPerAlert) },
        webhook: this.webhook.url !== undefined,
      });
      return;
    }
    const count = ((existing.details['count'] as number | undefined) ?? 0) + items.length;
    const kept = [...((existing.details['items'] as unknown[] | undefined) ?? []), ...items].slice(0, maxItemsPerAlert);
    await this.repository.updateDetails(existing.id, title(count), { ...existing.details, count, items: kept });
  }
}

/** An alert as another agency (or a role without match rights) sees it: counts and URLs, no hash-set labels. */
function withoutLabels(alert: Alert): Alert {
  const items = alert.details['items'];
  if (!Array.isArray(items)) return alert;
  return {
    ...alert,
    details: { ...alert.details, items: items.map((item: Record<string, unknown>) => ({ ...item, matches: undefined })) },
  };
}

async function postJson(url: string, body: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return response.ok;
}

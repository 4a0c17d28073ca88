/**
 * Dark web monitoring, the use cases beside the sites themselves: queueing and running visits,
 * reading what they captured (pages as text, media as hashes and match labels, accounts), the
 * site's history and mirrors, watching accounts, and verifying the chain of custody against the
 * WARC files. Reads of captured pages are audited; media bytes are never served.
 *
 *   const visit = await darkweb.queueCrawl(actor, siteId);
 *   const summary = await darkweb.runVisit(visit.id, { onProgress });
 */
import { join } from 'node:path';
import { hasAnyRole, requireRole, type Actor } from '../platform/access/actor.js';
import { assertMayChange, assertMayRead, assertOwner, viewerOf } from '../platform/access/visibility.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import { invalid, notFound } from '../platform/errors.js';
import { custodyGenesis, verifyCaptureAgainstWarc, verifyCustody, type CustodyEntry, type StoredCustodyEntry } from './capture/custody.js';
import { readRecordAt } from './capture/warc.js';
import { matchRoles } from '../media/match.service.js';
import type { MediaService } from '../media/media.service.js';
import type { PersonService } from '../operations/person.service.js';
import { formatVpdq } from '../media/vpdq.js';
import type { AccountView, CaptureRepository, MediaView, PageDetail, PageSummary } from './capture.repository.js';
import type { CrawlRepository, Visit } from './crawl.repository.js';
import type { Crawler, CrawlProgress, VisitSummary } from './crawler.js';
import type { Site } from './site.repository.js';
import { nextCrawlAt } from './site-model.js';
import { sitePolicy, type SiteService } from './site.service.js';

export interface VisitDetail extends Visit {
  frontier: Awaited<ReturnType<CrawlRepository['frontierCounts']>>;
}

export interface CustodyVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  /** Entries whose WARC record was read back and compared (with `warcs`). */
  recordsChecked: number;
  problems: { seq: number; problem: string }[];
}

/** Hash-set labels of matches: for the owning agency's analysts and investigators (and the local operator). */
export function mayReadLabels(actor: Actor, ownerAgencyId: string): boolean {
  return actor.type === 'system' || (actor.agencyId === ownerAgencyId && hasAnyRole(actor, matchRoles));
}

export class DarkwebService {
  constructor(
    private readonly sites: SiteService,
    private readonly crawl: CrawlRepository,
    private readonly captures: CaptureRepository,
    private readonly crawler: Crawler,
    private readonly audit: AuditService,
    private readonly warcDir: string,
    private readonly mediaFiles: MediaService,
    private readonly persons: PersonService,
  ) {}

  /** Queues a visit of the site now (or returns the one already open). Owning agency only. */
  async queueCrawl(actor: Actor, siteId: string): Promise<{ visit: Visit; created: boolean }> {
    assertMayChange(actor, sitePolicy);
    const site = await this.sites.get(actor, siteId, { audit: false });
    assertOwner(actor, sitePolicy, site.ownerAgencyId);
    const opened = await this.crawl.openVisit(site.id, actor.type === 'user' ? actor.id : null, site.seeds);
    if (opened.created)
      await this.audit.record(actor, {
        action: 'darkweb.visit.queue',
        outcome: 'success',
        recordType: 'darkweb_site',
        recordId: site.id,
        recordAgencyId: site.ownerAgencyId,
        details: { visitId: opened.visit.id },
      });
    return opened;
  }

  /** Runs a visit in this process (the CLI and the worker). */
  runVisit(visitId: string, options: { signal?: AbortSignal; onProgress?: (p: CrawlProgress) => void } = {}): Promise<VisitSummary> {
    return this.crawler.runVisit(visitId, options);
  }

  /** Ends a visit that could not run, with the reason; the site is tried again at its next scheduled time. */
  async failVisit(visitId: string, reason: string): Promise<void> {
    const visit = await this.crawl.findVisit(visitId);
    if (visit === undefined) return;
    await this.crawl.finishVisit(visitId, {
      status: 'failed',
      outcome: null,
      failureClass: reason.slice(0, 300),
      contentFingerprint: null,
      contentChanged: null,
    });
    const site = await this.sites.repository.findForCrawl(visit.siteId);
    if (site !== undefined) await this.sites.repository.setSchedule(site.id, nextCrawlAt(site));
  }

  /** Queued or running visits, oldest first (the worker). */
  openVisits(limit: number): Promise<Visit[]> {
    return this.crawl.openVisits(limit);
  }

  async visits(actor: Actor, siteId: string, limit = 100): Promise<Visit[]> {
    const site = await this.sites.get(actor, siteId, { audit: false });
    return this.crawl.listVisits(site.id, Math.min(Math.max(limit, 1), 1000));
  }

  async visit(actor: Actor, visitId: string): Promise<VisitDetail & { site: Pick<Site, 'id' | 'name' | 'origin'> }> {
    const { visit, site } = await this.#visibleVisit(actor, visitId);
    return { ...visit, frontier: await this.crawl.frontierCounts(visit.id), site: { id: site.id, name: site.name, origin: site.origin } };
  }

  async pages(actor: Actor, visitId: string, options: { after?: number; limit?: number; q?: string } = {}): Promise<PageSummary[]> {
    const { visit } = await this.#visibleVisit(actor, visitId);
    return this.captures.pages(visit.id, { ...options, limit: Math.min(Math.max(options.limit ?? 100, 1), 1000) });
  }

  /** One captured page as text (audited). */
  async page(actor: Actor, pageId: number): Promise<PageDetail> {
    assertMayRead(actor, sitePolicy);
    const page = Number.isSafeInteger(pageId) ? await this.captures.page(pageId) : undefined;
    if (page === undefined) throw notFound('Page');
    const site = await this.sites.repository.findVisible(viewerOf(actor), page.siteId);
    if (site === undefined) throw notFound('Page');
    await this.audit.record(actor, {
      action: 'darkweb.page.read',
      outcome: 'success',
      recordType: 'darkweb_page',
      recordId: String(page.id),
      recordAgencyId: site.ownerAgencyId,
    });
    return page;
  }

  async media(
    actor: Actor,
    filter: { visitId?: string; siteId?: string; triage?: string; after?: number; limit?: number },
  ): Promise<MediaView[]> {
    if (filter.visitId === undefined && filter.siteId === undefined)
      throw invalid('Name a visit or a site', [{ field: 'visitId', message: 'or siteId is required' }]);
    const site =
      filter.visitId !== undefined
        ? (await this.#visibleVisit(actor, filter.visitId)).site
        : await this.sites.get(actor, filter.siteId!, { audit: false });
    if (filter.siteId !== undefined && filter.visitId !== undefined && filter.siteId !== site.id) return [];
    const items = await this.captures.media({ ...filter, limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000) });
    await this.audit.record(actor, {
      action: 'darkweb.media.list',
      outcome: 'success',
      recordType: filter.visitId !== undefined ? 'darkweb_visit' : 'darkweb_site',
      recordId: filter.visitId ?? filter.siteId!,
      recordAgencyId: site.ownerAgencyId,
      details: { count: items.length },
    });
    // Match labels come from the owning agency's hash sets: only its analysts and investigators read them.
    return mayReadLabels(actor, site.ownerAgencyId) ? items : items.map((item) => ({ ...item, matches: [] }));
  }

  /**
   * The thumbnail of an image the crawler kept (sites that keep media only): for the owning
   * agency, blurred and greyscale unless an analyst reveals it (audited), as everywhere.
   */
  async mediaThumbnail(actor: Actor, mediaId: number, reveal: boolean): Promise<Buffer> {
    assertMayRead(actor, sitePolicy);
    const media = Number.isSafeInteger(mediaId) ? await this.captures.mediaRecord(mediaId) : undefined;
    const site = media === undefined ? undefined : await this.sites.repository.findVisible(viewerOf(actor), media.siteId);
    // Kept media belongs to the owning agency alone: others see the hashes, never the picture.
    if (media === undefined || site === undefined || (actor.type !== 'system' && actor.agencyId !== site.ownerAgencyId))
      throw notFound('Media');
    if (!media.kept || media.kind !== 'image') throw notFound('Thumbnail (only the hashes of this media were kept)');
    return this.mediaFiles.keptThumbnail(
      actor,
      { sha256: media.sha256, recordType: 'darkweb_media', recordId: String(media.id), ownerAgencyId: site.ownerAgencyId },
      reveal,
    );
  }

  /** A video's vPDQ in the reference's text format (one `frameNumber,quality,pdq,timestamp` line a frame); audited. */
  async mediaVpdq(actor: Actor, mediaId: number): Promise<string> {
    assertMayRead(actor, sitePolicy);
    const media = Number.isSafeInteger(mediaId) ? await this.captures.mediaVpdq(mediaId) : undefined;
    const site = media === undefined ? undefined : await this.sites.repository.findVisible(viewerOf(actor), media.siteId);
    if (media === undefined || site === undefined) throw notFound('Media');
    if (media.frames === null) throw notFound('vPDQ (only videos that ffmpeg could read have one)');
    await this.audit.record(actor, {
      action: 'darkweb.media.vpdq',
      outcome: 'success',
      recordType: 'darkweb_media',
      recordId: String(mediaId),
      recordAgencyId: site.ownerAgencyId,
      details: { frames: media.frames.length },
    });
    return formatVpdq(media.frames);
  }

  async accounts(
    actor: Actor,
    filter: { siteId?: string; kind?: string; q?: string; watched?: boolean; limit?: number } = {},
  ): Promise<AccountView[]> {
    const visible =
      filter.siteId !== undefined ? [await this.sites.get(actor, filter.siteId, { audit: false })] : await this.sites.list(actor);
    return this.captures.accounts(
      visible.map((s) => s.id),
      { ...filter, limit: Math.min(Math.max(filter.limit ?? 200, 1), 2000) },
      viewerOf(actor),
    );
  }

  /** Watches an account (alerts when it appears on another site), notes it, or links it to a case. */
  async updateAccount(
    actor: Actor,
    accountId: string,
    change: { watched?: boolean; note?: string | null; caseId?: string | null },
  ): Promise<void> {
    assertMayChange(actor, sitePolicy);
    const account = isUuid(accountId) ? await this.captures.account(accountId) : undefined;
    if (account === undefined) throw notFound('Account');
    const site = await this.sites.get(actor, account.siteId, { audit: false }).catch(() => {
      throw notFound('Account');
    });
    assertOwner(actor, sitePolicy, site.ownerAgencyId);
    if (change.caseId !== undefined && change.caseId !== null && !(await this.sites.caseVisible(site.ownerAgencyId, change.caseId)))
      throw invalid('No such case', [{ field: 'caseId', message: 'no such case' }]);
    await this.captures.setAccount(accountId, change);
    await this.audit.record(actor, {
      action: 'darkweb.account.update',
      outcome: 'success',
      recordType: 'darkweb_account',
      recordId: accountId,
      recordAgencyId: site.ownerAgencyId,
      details: change,
    });
  }

  /**
   * Links an account to a person of interest, with an optional basis (why the account is thought
   * to be the person's); linking again replaces the basis. The actor's agency must own the
   * account's site and see the person: otherwise the account or the person is not found. Audited.
   */
  async linkPerson(actor: Actor, accountId: string, personId: string, basis?: string | null): Promise<void> {
    const text = basis?.trim() || null;
    if (text !== null && text.length > 2000)
      throw invalid('The basis is too long', [{ field: 'basis', message: 'must be at most 2000 characters' }]);
    const { site, person } = await this.#linkable(actor, accountId, personId);
    await this.captures.linkPerson(accountId, person.id, { basis: text, linkedBy: actor.type === 'user' ? actor.id : null });
    await this.audit.record(actor, {
      action: 'darkweb.account.link_person',
      outcome: 'success',
      recordType: 'darkweb_account',
      recordId: accountId,
      recordAgencyId: site.ownerAgencyId,
      details: { personId: person.id, personAgencyId: person.ownerAgencyId, basis: text },
    });
  }

  /** Removes the link between an account and a person, on the same terms as linking. Audited. */
  async unlinkPerson(actor: Actor, accountId: string, personId: string): Promise<void> {
    const { site, person } = await this.#linkable(actor, accountId, personId);
    if (!(await this.captures.unlinkPerson(accountId, person.id))) throw notFound('Link');
    await this.audit.record(actor, {
      action: 'darkweb.account.unlink_person',
      outcome: 'success',
      recordType: 'darkweb_account',
      recordId: accountId,
      recordAgencyId: site.ownerAgencyId,
      details: { personId: person.id, personAgencyId: person.ownerAgencyId },
    });
  }

  /** An account the actor's agency owns (through its site) and a person it may see; 404 otherwise, never 403. */
  async #linkable(actor: Actor, accountId: string, personId: string) {
    assertMayChange(actor, sitePolicy);
    const account = isUuid(accountId) ? await this.captures.account(accountId) : undefined;
    const site = account === undefined ? undefined : await this.sites.repository.findVisible(viewerOf(actor), account.siteId);
    if (site === undefined || (actor.type !== 'system' && actor.agencyId !== site.ownerAgencyId)) throw notFound('Account');
    const person = await this.persons.findVisible(actor, personId);
    if (person === undefined) throw notFound('Person');
    return { site, person };
  }

  /** Other visible sites serving the same content (mirrors), by shared page fingerprints. */
  async mirrors(actor: Actor, siteId: string): Promise<{ site: Pick<Site, 'id' | 'name' | 'origin'>; sharedPages: number }[]> {
    const site = await this.sites.get(actor, siteId, { audit: false });
    const visible = await this.sites.list(actor);
    const byId = new Map(visible.map((s) => [s.id, s]));
    const found = await this.captures.mirrors(
      site.id,
      visible.map((s) => s.id),
    );
    return found.map((m) => {
      const other = byId.get(m.siteId)!;
      return { site: { id: other.id, name: other.name, origin: other.origin }, sharedPages: m.shared };
    });
  }

  /**
   * Walks the custody chain from the start; with `warcs`, reads back every entry's WARC record and
   * compares its digests (and media hashes) with what custody recorded.
   */
  async verifyCustody(
    actor: Actor,
    options: { warcs?: boolean; onProgress?: (checked: number, total: number) => void } = {},
  ): Promise<CustodyVerification> {
    requireRole(actor, ['auditor', 'admin']);
    const result = await this.#verifyCustody(options);
    await this.audit.record(actor, {
      action: 'darkweb.custody.verify',
      outcome: result.ok ? 'success' : 'failure',
      details: {
        warcs: options.warcs === true,
        checked: result.checked,
        recordsChecked: result.recordsChecked,
        problems: result.problems.slice(0, 20),
      },
    });
    return result;
  }

  async #verifyCustody(options: { warcs?: boolean; onProgress?: (checked: number, total: number) => void }): Promise<CustodyVerification> {
    const head = await this.crawl.custodyHead();
    let state = custodyGenesis;
    let checked = 0;
    let recordsChecked = 0;
    const problems: { seq: number; problem: string }[] = [];
    for (;;) {
      const rows = await this.crawl.readCustody(state.seq, 2000);
      if (rows.length === 0) break;
      const batch: StoredCustodyEntry[] = rows.map((r) => ({ entry: r.entry as CustodyEntry, prevHash: r.prevHash, hash: r.hash }));
      const result = verifyCustody(state, batch);
      if (!result.ok) {
        problems.push({ seq: result.broken.seq, problem: result.broken.problem });
        return { ok: false, checked, headSeq: head.seq, recordsChecked, problems };
      }
      if (options.warcs === true) {
        const offsets = await this.crawl.warcOffsets(batch.map((s) => s.entry.warcRecordId));
        for (const stored of batch) {
          const entry = stored.entry;
          const offset = offsets.get(entry.warcRecordId);
          try {
            if (offset === undefined) throw new Error('no page or media row names this record');
            const record = await readRecordAt(join(this.warcDir, entry.warcFile), offset);
            const match = verifyCaptureAgainstWarc(entry, record);
            if (!match.ok) problems.push({ seq: entry.seq, problem: match.problems.join('; ') });
          } catch (error) {
            problems.push({ seq: entry.seq, problem: `cannot read ${entry.warcFile}: ${(error as Error).message}` });
          }
          recordsChecked++;
        }
      }
      checked += batch.length;
      state = result.state;
      options.onProgress?.(checked, head.seq);
    }
    if (state.seq !== head.seq || state.hash !== head.hash)
      problems.push({
        seq: state.seq + 1,
        problem: state.seq < head.seq ? 'the chain ends before its recorded head' : 'sequence gap or reordering',
      });
    return { ok: problems.length === 0, checked, headSeq: head.seq, recordsChecked, problems };
  }

  async #visibleVisit(actor: Actor, visitId: string): Promise<{ visit: Visit; site: Site }> {
    assertMayRead(actor, sitePolicy);
    const visit = isUuid(visitId) ? await this.crawl.findVisit(visitId) : undefined;
    if (visit === undefined) throw notFound('Visit');
    const site = await this.sites.repository.findVisible(viewerOf(actor), visit.siteId);
    if (site === undefined) throw notFound('Visit');
    return { visit, site };
  }
}

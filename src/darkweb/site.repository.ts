/** SQL of monitored sites: owned records read only through `visibleTo`. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { mapWithShares, replaceShares, visibleTo, type Viewer } from '../platform/access/visibility.js';
import type { Visibility } from '../platform/access/roles.js';
import { seal, unseal } from '../platform/auth/secrets.js';
import type { Database } from '../platform/database/schema.js';
import type { DarkwebSiteTable } from './darkweb.schema.js';
import type { SiteSettings } from './site-model.js';
import type { ExtractionRules } from './extract/extraction-rules.js';

type Executor = Kysely<Database> | Transaction<Database>;
type SiteRow = Selectable<DarkwebSiteTable>;

export interface Site extends SiteSettings {
  id: string;
  ownerAgencyId: string;
  visibility: Visibility;
  sharedWith: string[];
  name: string;
  extractionRules: ExtractionRules;
  caseId: string | null;
  legalBasis: string;
  keepMedia: boolean;
  status: 'active' | 'paused';
  /** Whether an operator imported session cookies (never returned themselves). */
  hasSession: boolean;
  nextCrawlAt: Date | null;
  lastState: 'up' | 'down' | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the crawler needs beside the public view: the cookie and the Tor isolation key. */
export interface SiteForCrawl extends Site {
  sessionCookie: string | null;
  isolationKey: string;
}

export interface NewSite extends SiteSettings {
  ownerAgencyId: string;
  visibility: Visibility;
  sharedWith: string[];
  name: string;
  extractionRules: ExtractionRules;
  caseId: string | null;
  legalBasis: string;
  isolationKey: string;
  createdBy: string | null;
}

export class SiteRepository {
  /** `encryptionKey` seals session cookies at rest (AES-256-GCM, as TOTP secrets are). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly encryptionKey: Buffer,
  ) {}

  async insert(trx: Transaction<Database>, site: NewSite): Promise<string> {
    const { id } = await trx
      .insertInto('darkweb_site')
      .values({
        owner_agency_id: site.ownerAgencyId,
        visibility: site.visibility,
        name: site.name,
        ...settingsColumns(site),
        extraction_rules: JSON.stringify(site.extractionRules),
        case_id: site.caseId,
        legal_basis: site.legalBasis,
        isolation_key: site.isolationKey,
        next_crawl_at: new Date(),
        created_by: site.createdBy,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'darkweb_site', id, site.visibility, site.sharedWith);
    return id;
  }

  async update(
    trx: Transaction<Database>,
    id: string,
    change: Partial<
      Pick<Site, 'name' | 'visibility' | 'sharedWith' | 'extractionRules' | 'caseId' | 'legalBasis' | 'keepMedia' | 'status'>
    > & {
      settings?: SiteSettings;
      sessionCookie?: string | null;
    },
  ): Promise<void> {
    await trx
      .updateTable('darkweb_site')
      .set({
        ...(change.name !== undefined && { name: change.name }),
        ...(change.visibility !== undefined && { visibility: change.visibility }),
        ...(change.extractionRules !== undefined && { extraction_rules: JSON.stringify(change.extractionRules) }),
        ...(change.caseId !== undefined && { case_id: change.caseId }),
        ...(change.legalBasis !== undefined && { legal_basis: change.legalBasis }),
        ...(change.keepMedia !== undefined && { keep_media: change.keepMedia }),
        ...(change.status !== undefined && { status: change.status }),
        ...(change.sessionCookie !== undefined && {
          session_cookie: change.sessionCookie === null ? null : seal(this.encryptionKey, change.sessionCookie),
        }),
        ...(change.settings !== undefined && settingsColumns(change.settings)),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (change.visibility !== undefined || change.sharedWith !== undefined) {
      const row = await trx.selectFrom('darkweb_site').select('visibility').where('id', '=', id).executeTakeFirstOrThrow();
      await replaceShares(trx, 'darkweb_site', id, row.visibility as Visibility, change.sharedWith ?? []);
    }
  }

  async listVisible(viewer: Viewer): Promise<Site[]> {
    const rows = await this.db.selectFrom('darkweb_site').selectAll().where(visibleTo('darkweb_site', viewer)).orderBy('name').execute();
    return mapWithShares(this.db, 'darkweb_site', rows, toSite);
  }

  async findVisible(viewer: Viewer, id: string, db: Executor = this.db): Promise<Site | undefined> {
    const row = await db
      .selectFrom('darkweb_site')
      .selectAll()
      .where('id', '=', id)
      .where(visibleTo('darkweb_site', viewer))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const [site] = await mapWithShares(db, 'darkweb_site', [row], toSite);
    return site;
  }

  async findByName(ownerAgencyId: string, name: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('darkweb_site')
      .select('id')
      .where('owner_agency_id', '=', ownerAgencyId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.id;
  }

  /** The full record for the crawler (no visibility: the crawler works for the owning agency). */
  async findForCrawl(id: string, db: Executor = this.db): Promise<SiteForCrawl | undefined> {
    const row = await db.selectFrom('darkweb_site').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return undefined;
    const [site] = await mapWithShares(db, 'darkweb_site', [row], toSite);
    return {
      ...site!,
      sessionCookie: row.session_cookie === null ? null : unseal(this.encryptionKey, row.session_cookie),
      isolationKey: row.isolation_key,
    };
  }

  /** Active sites whose next crawl is due. */
  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('darkweb_site')
      .select('id')
      .where('status', '=', 'active')
      .where('next_crawl_at', '<=', now)
      .orderBy('next_crawl_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async setSchedule(id: string, nextCrawlAt: Date | null, lastState?: 'up' | 'down', db: Executor = this.db): Promise<void> {
    await db
      .updateTable('darkweb_site')
      .set({ next_crawl_at: nextCrawlAt, ...(lastState !== undefined && { last_state: lastState }) })
      .where('id', '=', id)
      .execute();
  }
}

function settingsColumns(s: SiteSettings) {
  return {
    kind: s.kind,
    origin: s.origin,
    seeds: s.seeds,
    scope_include: s.scopeInclude,
    scope_exclude: s.scopeExclude,
    max_depth: s.maxDepth,
    max_pages: s.maxPages,
    recrawl_minutes: s.recrawlMinutes,
    concurrency: s.concurrency,
    delay_ms: s.delayMs,
    timeout_ms: s.timeoutMs,
  };
}

function toSite(row: SiteRow, sharedWith: string[]): Site {
  return {
    id: row.id,
    ownerAgencyId: row.owner_agency_id,
    visibility: row.visibility as Visibility,
    sharedWith,
    name: row.name,
    kind: row.kind,
    origin: row.origin,
    seeds: row.seeds,
    scopeInclude: row.scope_include,
    scopeExclude: row.scope_exclude,
    maxDepth: row.max_depth,
    maxPages: row.max_pages,
    recrawlMinutes: row.recrawl_minutes,
    concurrency: row.concurrency,
    delayMs: row.delay_ms,
    timeoutMs: row.timeout_ms,
    extractionRules: row.extraction_rules ?? {},
    caseId: row.case_id,
    legalBasis: row.legal_basis,
    keepMedia: row.keep_media,
    status: row.status,
    hasSession: row.session_cookie !== null,
    nextCrawlAt: row.next_crawl_at,
    lastState: row.last_state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

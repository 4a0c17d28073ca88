/**
 * Monitored sites: the sites an agency is authorised to watch, with the legal basis the operator
 * records, their scope, schedule and politeness, extraction rules and, for login-walled forums,
 * session cookies imported by an operator (sealed at rest with the data key). Turning on the
 * keeping of media and importing a session are deliberate, audited acts of the owning agency.
 *
 *   const site = await sites.create(actor, { name: 'Radio forum', origin: 'http://…onion', legalBasis: 'Warrant 2026/114' });
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../platform/access/actor.js';
import { type Visibility } from '../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../platform/access/visibility.js';
import { AgencyRepository, isUuid } from '../platform/agencies/agency.repository.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Database } from '../platform/database/schema.js';
import { conflict, invalid, type FieldError } from '../platform/errors.js';
import { CaseRepository } from '../operations/case.repository.js';
import { validateExtractionRules, type ExtractionRules } from './extract/extraction-rules.js';
import { validateSiteSettings, type SiteSettingsInput } from './site-model.js';
import { SiteRepository, type Site } from './site.repository.js';

export const sitePolicy: RecordPolicy = {
  table: 'darkweb_site',
  label: 'Site',
  readRoles: ['investigator', 'analyst', 'admin'],
  changeRoles: ['investigator', 'admin'],
};

const siteVisibilities = ['agency', 'shared', 'network'] as const;

export interface CreateSiteInput extends SiteSettingsInput {
  name: string;
  legalBasis: string;
  visibility?: string;
  sharedWith?: string[];
  caseId?: string | null;
  extractionRules?: unknown;
  /** The CLI (local operator) names the owning agency. */
  ownerAgencyId?: string;
}

export type UpdateSiteInput = Partial<Omit<CreateSiteInput, 'ownerAgencyId'>> & { status?: 'active' | 'paused' };

export class SiteService {
  readonly repository: SiteRepository;
  readonly #agencies: AgencyRepository;
  readonly #cases: CaseRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    encryptionKey: Buffer,
  ) {
    this.repository = new SiteRepository(db, encryptionKey);
    this.#agencies = new AgencyRepository(db);
    this.#cases = new CaseRepository(db);
  }

  async list(actor: Actor): Promise<Site[]> {
    assertMayRead(actor, sitePolicy);
    return this.repository.listVisible(viewerOf(actor));
  }

  /** One site (audited); invisible or missing: not_found. */
  async get(actor: Actor, id: string, options: { audit?: boolean } = {}): Promise<Site> {
    assertMayRead(actor, sitePolicy);
    const site = orNotFound(isUuid(id) ? await this.repository.findVisible(viewerOf(actor), id) : undefined, sitePolicy);
    if (options.audit !== false)
      await this.audit.record(actor, {
        action: 'darkweb.site.read',
        outcome: 'success',
        recordType: 'darkweb_site',
        recordId: id,
        recordAgencyId: site.ownerAgencyId,
      });
    return site;
  }

  async create(actor: Actor, input: CreateSiteInput): Promise<Site> {
    assertMayChange(actor, sitePolicy);
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    const name = (input.name ?? '').trim();
    if (name.length < 2 || name.length > 200) problems.push({ field: 'name', message: 'must be 2 to 200 characters' });
    const legalBasis = (input.legalBasis ?? '').trim();
    if (legalBasis.length < 3 || legalBasis.length > 2000)
      problems.push({ field: 'legalBasis', message: 'record the legal basis for watching this site (3 to 2,000 characters)' });
    const settings = validateSiteSettings(input);
    if (!settings.ok) problems.push(...settings.errors);
    const rules = validateExtractionRules(input.extractionRules ?? {});
    if (!rules.ok) problems.push(...rules.errors.map((e) => ({ field: `extractionRules.${e.field}`, message: e.message })));
    const visibility = input.visibility ?? 'agency';
    const sharedWith = input.sharedWith ?? [];
    problems.push(...(await this.#checkSharing(visibility, sharedWith)));
    if (ownerAgencyId === undefined || (await this.#agencies.find(ownerAgencyId)) === undefined)
      problems.push({ field: 'ownerAgencyId', message: 'no such agency' });
    const caseId = input.caseId ?? null;
    if (caseId !== null && ownerAgencyId !== undefined && !(await this.caseVisible(ownerAgencyId, caseId)))
      problems.push({ field: 'caseId', message: 'no such case' });
    if (problems.length > 0 || !settings.ok || !rules.ok) throw invalid('The site is not valid', problems);
    if (await this.repository.findByName(ownerAgencyId!, name)) throw conflict(`Your agency already watches a site named "${name}"`);
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.repository.insert(trx, {
        ...settings.settings,
        ownerAgencyId: ownerAgencyId!,
        visibility: visibility as Visibility,
        sharedWith,
        name,
        extractionRules: rules.rules,
        caseId,
        legalBasis,
        isolationKey: `vigil-${randomBytes(8).toString('hex')}`,
        createdBy: actor.type === 'user' ? actor.id : null,
      });
      await this.audit.record(
        actor,
        {
          action: 'darkweb.site.create',
          outcome: 'success',
          recordType: 'darkweb_site',
          recordId: created,
          recordAgencyId: ownerAgencyId!,
          details: { name, origin: settings.settings.origin, legalBasis, caseId },
        },
        trx,
      );
      return created;
    });
    return (await this.repository.findVisible('all', id))!;
  }

  /** Changes settings, rules, sharing or status (owning agency only). */
  async update(actor: Actor, id: string, input: UpdateSiteInput): Promise<Site> {
    assertMayChange(actor, sitePolicy);
    const site = await this.get(actor, id, { audit: false });
    assertOwner(actor, sitePolicy, site.ownerAgencyId);
    const problems: FieldError[] = [];
    const name = input.name?.trim();
    if (name !== undefined && (name.length < 2 || name.length > 200))
      problems.push({ field: 'name', message: 'must be 2 to 200 characters' });
    const legalBasis = input.legalBasis?.trim();
    if (legalBasis !== undefined && (legalBasis.length < 3 || legalBasis.length > 2000))
      problems.push({ field: 'legalBasis', message: 'must be 3 to 2,000 characters' });
    const settings = validateSiteSettings(input, site);
    if (!settings.ok) problems.push(...settings.errors);
    let rules: ExtractionRules | undefined;
    if (input.extractionRules !== undefined) {
      const checked = validateExtractionRules(input.extractionRules);
      if (checked.ok) rules = checked.rules;
      else problems.push(...checked.errors.map((e) => ({ field: `extractionRules.${e.field}`, message: e.message })));
    }
    if (input.status !== undefined && input.status !== 'active' && input.status !== 'paused')
      problems.push({ field: 'status', message: 'must be active or paused' });
    const visibility = input.visibility ?? site.visibility;
    if (input.visibility !== undefined || input.sharedWith !== undefined)
      problems.push(...(await this.#checkSharing(visibility, input.sharedWith ?? site.sharedWith)));
    if (input.caseId !== undefined && input.caseId !== null && !(await this.caseVisible(site.ownerAgencyId, input.caseId)))
      problems.push({ field: 'caseId', message: 'no such case' });
    if (problems.length > 0 || !settings.ok) throw invalid('The change is not valid', problems);
    if (name !== undefined && name !== site.name && (await this.repository.findByName(site.ownerAgencyId, name)))
      throw conflict(`Your agency already watches a site named "${name}"`);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, id, {
        settings: settings.settings,
        ...(name !== undefined && { name }),
        ...(legalBasis !== undefined && { legalBasis }),
        ...(rules !== undefined && { extractionRules: rules }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.visibility !== undefined && { visibility: visibility as Visibility }),
        ...((input.visibility !== undefined || input.sharedWith !== undefined) && { sharedWith: input.sharedWith ?? site.sharedWith }),
        ...(input.caseId !== undefined && { caseId: input.caseId }),
      });
      await this.audit.record(
        actor,
        {
          action: 'darkweb.site.update',
          outcome: 'success',
          recordType: 'darkweb_site',
          recordId: id,
          recordAgencyId: site.ownerAgencyId,
          details: { changed: Object.keys(input) },
        },
        trx,
      );
    });
    return (await this.repository.findVisible('all', id))!;
  }

  /**
   * Imports session cookies for a login-walled forum (`name=value; name2=value2`), or removes them
   * with null. The cookies are never shown again; the import is audited without them.
   */
  async setSession(actor: Actor, id: string, cookie: string | null): Promise<Site> {
    assertMayChange(actor, sitePolicy);
    const site = await this.get(actor, id, { audit: false });
    assertOwner(actor, sitePolicy, site.ownerAgencyId);
    const value = cookie?.trim() ?? null;
    if (value !== null && (value.length === 0 || value.length > 8192 || /[\r\n]/.test(value)))
      throw invalid('The session cookie is not valid', [
        { field: 'cookie', message: 'one Cookie header value, at most 8 KB, on one line' },
      ]);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, id, { sessionCookie: value });
      await this.audit.record(
        actor,
        {
          action: value === null ? 'darkweb.site.session_remove' : 'darkweb.site.session_import',
          outcome: 'success',
          recordType: 'darkweb_site',
          recordId: id,
          recordAgencyId: site.ownerAgencyId,
          details: value === null ? {} : { cookies: value.split(';').length },
        },
        trx,
      );
    });
    return (await this.repository.findVisible('all', id))!;
  }

  /**
   * Turns the keeping of fetched media (encrypted, for victim identification) on or off. Off by
   * default: only hashes are stored. The owning agency's investigator or admin decides, with a reason.
   */
  async setKeepMedia(actor: Actor, id: string, keep: boolean, reason: string): Promise<Site> {
    assertMayChange(actor, sitePolicy);
    const site = await this.get(actor, id, { audit: false });
    assertOwner(actor, sitePolicy, site.ownerAgencyId);
    if (reason.trim().length < 3) throw invalid('Give a reason', [{ field: 'reason', message: 'at least 3 characters' }]);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, id, { keepMedia: keep });
      await this.audit.record(
        actor,
        {
          action: keep ? 'darkweb.site.keep_media_on' : 'darkweb.site.keep_media_off',
          outcome: 'success',
          reason: reason.trim(),
          recordType: 'darkweb_site',
          recordId: id,
          recordAgencyId: site.ownerAgencyId,
        },
        trx,
      );
    });
    return (await this.repository.findVisible('all', id))!;
  }

  async #checkSharing(visibility: string, sharedWith: readonly string[]): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (!(siteVisibilities as readonly string[]).includes(visibility))
      problems.push({ field: 'visibility', message: `must be one of ${siteVisibilities.join(', ')}` });
    if (visibility === 'shared' && sharedWith.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
    const missing = await this.#agencies.missing([...sharedWith]);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    return problems;
  }

  /** Whether the case exists and the agency may see it (for linking sites and accounts to cases). */
  caseVisible(agencyId: string, caseId: string): Promise<boolean> {
    return this.#cases.isVisibleTo(agencyId, caseId);
  }
}

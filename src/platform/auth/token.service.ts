/**
 * API tokens for machine clients (border kiosks, hotline intake): created by an agency's admins,
 * scoped to roles, shown once, stored as a keyed hash, revocable, with a last-used time.
 *
 *   const { token, secret } = await tokens.create(actor, { name: 'Kiosk 4, Schiphol', roles: ['border_officer'] });
 *   // clients send: Authorization: Bearer vgl_…
 *
 * A token that answered recently is remembered for `authCacheMs` (a border kiosk sends hundreds
 * of checks a minute, and each lookup is a query): revoking it in this process forgets it at once;
 * a revocation made by another process takes effect here within that time.
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../access/actor.js';
import { isRole, roles as allRoles, type Role } from '../access/roles.js';
import { AgencyRepository, isUuid } from '../agencies/agency.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ApiTokenRow, Database } from '../database/schema.js';
import { forbidden, invalid, notFound, type FieldError } from '../errors.js';
import type { Viewer } from '../access/visibility.js';
import { generateOpaqueToken, keyedHash } from './secrets.js';

export interface ApiToken {
  id: string;
  agencyId: string;
  name: string;
  roles: Role[];
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

export interface CreateTokenInput {
  name: string;
  roles: string[];
  expiresAt?: Date;
  /** The CLI names the agency; admins create tokens for their own. */
  agencyId?: string;
}

const tokenPrefix = 'vgl_';
/** Tokens act for machines: they never administer. */
const tokenRoles = allRoles.filter((role) => role !== 'admin');
const lastUsedPrecisionMs = 60_000;
/** How long a looked-up token is trusted without asking the database again. */
export const authCacheMs = 2_000;

interface CachedToken {
  row: AuthRow;
  checkedAt: number;
}

interface AuthRow {
  id: string;
  name: string;
  roles: string[];
  agency_id: string;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  is_operator: boolean;
}

export class TokenService {
  readonly #agencies: AgencyRepository;
  /** Recently looked-up tokens by keyed hash of the secret (never the secret itself). */
  readonly #recent = new Map<string, CachedToken>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly secret: Buffer,
  ) {
    this.#agencies = new AgencyRepository(db);
  }

  async list(actor: Actor): Promise<ApiToken[]> {
    const agencyId = this.#adminAgency(actor);
    let query = this.db.selectFrom('api_token').selectAll();
    if (agencyId !== 'all') query = query.where('agency_id', '=', agencyId.agencyId);
    const rows = await query.orderBy('created_at', 'desc').execute();
    return rows.map(toToken);
  }

  async create(actor: Actor, input: CreateTokenInput): Promise<{ token: ApiToken; secret: string }> {
    const scope = this.#adminAgency(actor);
    const agencyId = scope === 'all' ? input.agencyId : scope.agencyId;
    const problems: FieldError[] = [];
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
    const wrong = input.roles.filter((role) => !isRole(role) || role === 'admin');
    if (wrong.length > 0)
      problems.push({ field: 'roles', message: `not allowed for tokens: ${wrong.join(', ')}; use ${tokenRoles.join(', ')}` });
    if (input.roles.length === 0) problems.push({ field: 'roles', message: 'needs at least one role' });
    if (input.expiresAt !== undefined && input.expiresAt.getTime() <= Date.now())
      problems.push({ field: 'expiresAt', message: 'must be in the future' });
    if (agencyId === undefined || (await this.#agencies.find(agencyId)) === undefined)
      problems.push({ field: 'agencyId', message: 'no such agency' });
    if (problems.length > 0) throw invalid('The token is not valid', problems);

    const secret = generateOpaqueToken(tokenPrefix);
    const roles = tokenRoles.filter((role) => input.roles.includes(role));
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_token')
        .values({
          agency_id: agencyId!,
          name,
          token_hash: keyedHash(this.secret, secret),
          prefix: secret.slice(0, tokenPrefix.length + 6),
          roles,
          created_by: actor.type === 'user' ? actor.id : null,
          expires_at: input.expiresAt ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const token = toToken(row);
      await this.audit.record(
        actor,
        {
          action: 'token.create',
          outcome: 'success',
          recordType: 'api_token',
          recordId: token.id,
          recordAgencyId: token.agencyId,
          details: { name, roles },
        },
        trx,
      );
      return { token, secret };
    });
  }

  async revoke(actor: Actor, id: string): Promise<ApiToken> {
    const scope = this.#adminAgency(actor);
    const row = isUuid(id) ? await this.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (row === undefined || (scope !== 'all' && row.agency_id !== scope.agencyId)) throw notFound('Token');
    if (row.revoked_at !== null) return toToken(row);
    const revoked = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('api_token')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(
        actor,
        {
          action: 'token.revoke',
          outcome: 'success',
          recordType: 'api_token',
          recordId: id,
          recordAgencyId: row.agency_id,
          details: { name: row.name },
        },
        trx,
      );
      return toToken(updated);
    });
    // After the commit: a lookup racing the transaction would otherwise remember the token as valid.
    for (const [hash, cached] of this.#recent) if (cached.row.id === id) this.#recent.delete(hash);
    return revoked;
  }

  /** The actor a bearer secret stands for, or undefined when unknown, revoked or expired. */
  async authenticate(secret: string, ip: string | null, requestId: string | null): Promise<Actor | undefined> {
    if (!secret.startsWith(tokenPrefix)) return undefined;
    const hash = keyedHash(this.secret, secret);
    const now = new Date();
    let cached = this.#recent.get(hash);
    if (cached === undefined || now.getTime() - cached.checkedAt > authCacheMs) {
      const found = await this.db
        .selectFrom('api_token')
        .innerJoin('agency', 'agency.id', 'api_token.agency_id')
        .select([
          'api_token.id',
          'api_token.name',
          'api_token.roles',
          'api_token.agency_id',
          'api_token.revoked_at',
          'api_token.expires_at',
          'api_token.last_used_at',
          'agency.is_operator',
        ])
        .where('api_token.token_hash', '=', hash)
        .executeTakeFirst();
      if (found === undefined) {
        this.#recent.delete(hash);
        return undefined;
      }
      cached = { row: found, checkedAt: now.getTime() };
      if (this.#recent.size >= 10_000) this.#recent.clear();
      this.#recent.set(hash, cached);
    }
    const row = cached.row;
    if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return undefined;
    if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() > lastUsedPrecisionMs) {
      row.last_used_at = now;
      await this.db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      type: 'token',
      id: row.id,
      name: `token:${row.name}`,
      agencyId: row.agency_id,
      agencyIsOperator: row.is_operator,
      roles: row.roles as Role[],
      ip,
      requestId,
    };
  }

  /** Every agency for the CLI; otherwise the signed-in admin's own. */
  #adminAgency(actor: Actor): Viewer {
    if (actor.type === 'system') return 'all';
    const member = requireMember(actor);
    if (member.type !== 'user' || !member.roles.includes('admin')) throw forbidden('Managing API tokens needs a signed-in admin');
    return { agencyId: member.agencyId };
  }
}

function toToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    agencyId: row.agency_id,
    name: row.name,
    roles: row.roles as Role[],
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}

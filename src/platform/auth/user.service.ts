/**
 * User accounts: created by admins (their own agency), by admins of the operator agency (any
 * agency) or at the CLI, with a one-time password that must be changed at first sign-in.
 * Admins must use a second factor. Role changes, resets, unlocks and disabling are audited.
 *
 *   const { user, oneTimePassword } = await users.create(actor, { username: 'k.jansen', displayName: 'K. Jansen', roles: ['analyst'] });
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../access/actor.js';
import { roles as allRoles, isRole, type Role } from '../access/roles.js';
import { AgencyRepository } from '../agencies/agency.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../database/schema.js';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../errors.js';
import type { Viewer } from '../access/visibility.js';
import { generateOneTimePassword, hashPassword } from './secrets.js';
import { UserRepository, type User } from './user.repository.js';

export interface CreateUserInput {
  username: string;
  displayName: string;
  /** Defaults to the acting admin's agency. */
  agencyId?: string;
  roles: string[];
  /** Demo seeding only: a known password instead of a one-time one. */
  password?: string;
  demo?: boolean;
}

export interface UpdateUserInput {
  displayName?: string;
  roles?: string[];
  disabled?: boolean;
}

/** Admins hold the keys to everything else: they must sign in with a second factor. */
export function requiresSecondFactor(user: { roles: readonly Role[] }): boolean {
  return user.roles.includes('admin');
}

export class UserService {
  readonly repository: UserRepository;
  readonly #agencies: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {
    this.repository = new UserRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  async list(actor: Actor, agencyId?: string): Promise<User[]> {
    const scope = this.#manageScope(actor);
    if (scope === 'all') return this.repository.list(agencyId);
    if (agencyId !== undefined && agencyId !== scope.agencyId) return [];
    return this.repository.list(scope.agencyId);
  }

  async get(actor: Actor, id: string): Promise<User> {
    const scope = this.#manageScope(actor);
    const user = await this.repository.findUser(id);
    if (user === undefined || (scope !== 'all' && user.agencyId !== scope.agencyId)) throw notFound('User');
    return user;
  }

  async create(actor: Actor, input: CreateUserInput): Promise<{ user: User; oneTimePassword: string | null }> {
    const scope = this.#manageScope(actor);
    const agencyId = input.agencyId ?? (scope === 'all' ? undefined : scope.agencyId);
    const problems: FieldError[] = [];
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) {
      problems.push({ field: 'username', message: 'must be 3 to 64 characters: letters, digits, dot, dash, underscore' });
    }
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 200) problems.push({ field: 'displayName', message: 'must be 1 to 200 characters' });
    const roles = validateRoles(input.roles, problems);
    if (agencyId === undefined) problems.push({ field: 'agencyId', message: 'is required' });
    if (problems.length > 0) throw invalid('The user is not valid', problems);
    if (scope !== 'all' && agencyId !== scope.agencyId) throw forbidden('Admins create users in their own agency only');
    if ((await this.#agencies.find(agencyId!)) === undefined)
      throw invalid('The user is not valid', [{ field: 'agencyId', message: 'no such agency' }]);
    if (await this.repository.findByUsername(username)) throw conflict(`The username "${username}" is taken`);

    const oneTimePassword = input.password === undefined ? generateOneTimePassword() : null;
    const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
    return this.db.transaction().execute(async (trx) => {
      const user = await this.repository.insert(trx, {
        agency_id: agencyId!,
        username,
        display_name: displayName,
        password_hash: passwordHash,
        roles,
        must_change_password: oneTimePassword !== null,
        demo: input.demo ?? false,
      });
      await this.audit.record(
        actor,
        {
          action: 'user.create',
          outcome: 'success',
          recordType: 'user',
          recordId: user.id,
          recordAgencyId: user.agencyId,
          details: { username, roles },
        },
        trx,
      );
      return { user, oneTimePassword };
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
    const before = await this.get(actor, id);
    const problems: FieldError[] = [];
    const roles = input.roles === undefined ? undefined : validateRoles(input.roles, problems);
    const displayName = input.displayName?.trim();
    if (displayName !== undefined && (displayName.length < 1 || displayName.length > 200)) {
      problems.push({ field: 'displayName', message: 'must be 1 to 200 characters' });
    }
    if (problems.length > 0) throw invalid('The change is not valid', problems);
    if (actor.type !== 'system' && actor.id === id && (input.disabled === true || (roles !== undefined && !roles.includes('admin')))) {
      throw forbidden('Admins cannot disable themselves or drop their own admin role');
    }
    return this.db.transaction().execute(async (trx) => {
      const user = await this.repository.update(trx, id, {
        ...(displayName !== undefined && { display_name: displayName }),
        ...(roles !== undefined && { roles }),
        ...(input.disabled !== undefined && { disabled_at: input.disabled ? new Date() : null }),
      });
      const record = { recordType: 'user', recordId: id, recordAgencyId: user.agencyId };
      if (roles !== undefined && roles.join() !== before.roles.join()) {
        await this.audit.record(
          actor,
          { action: 'user.roles.change', outcome: 'success', ...record, details: { before: before.roles, after: roles } },
          trx,
        );
      }
      if (input.disabled !== undefined && input.disabled !== before.disabled) {
        await this.audit.record(actor, { action: input.disabled ? 'user.disable' : 'user.enable', outcome: 'success', ...record }, trx);
        if (input.disabled) await trx.deleteFrom('session').where('user_id', '=', id).execute();
      }
      if (displayName !== undefined && displayName !== before.displayName) {
        await this.audit.record(actor, { action: 'user.update', outcome: 'success', ...record, details: { displayName } }, trx);
      }
      return user;
    });
  }

  /** A new one-time password; signs the user out everywhere. */
  async resetPassword(actor: Actor, id: string): Promise<{ oneTimePassword: string }> {
    const user = await this.get(actor, id);
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, id, {
        password_hash: passwordHash,
        must_change_password: true,
        failed_logins: 0,
        locked_until: null,
      });
      await trx.deleteFrom('session').where('user_id', '=', id).execute();
      await this.audit.record(
        actor,
        { action: 'user.password.reset', outcome: 'success', recordType: 'user', recordId: id, recordAgencyId: user.agencyId },
        trx,
      );
    });
    return { oneTimePassword };
  }

  async unlock(actor: Actor, id: string): Promise<User> {
    const user = await this.get(actor, id);
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.repository.update(trx, id, { failed_logins: 0, locked_until: null });
      await this.audit.record(
        actor,
        { action: 'user.unlock', outcome: 'success', recordType: 'user', recordId: id, recordAgencyId: user.agencyId },
        trx,
      );
      return updated;
    });
  }

  /** `all` for the operator's admins and the CLI; otherwise the one agency an admin manages. */
  #manageScope(actor: Actor): Viewer {
    if (actor.type === 'system') return 'all';
    const member = requireMember(actor);
    if (!member.roles.includes('admin')) throw forbidden('Managing users needs the admin role');
    return member.agencyIsOperator ? 'all' : { agencyId: member.agencyId };
  }
}

function validateRoles(input: readonly string[], problems: FieldError[]): Role[] {
  const unknown = input.filter((role) => !isRole(role));
  if (unknown.length > 0)
    problems.push({ field: 'roles', message: `unknown role ${unknown.join(', ')}; roles are ${allRoles.join(', ')}` });
  const valid = [...new Set(input.filter(isRole))];
  if (valid.length === 0 && unknown.length === 0) problems.push({ field: 'roles', message: 'needs at least one role' });
  return allRoles.filter((role) => valid.includes(role));
}

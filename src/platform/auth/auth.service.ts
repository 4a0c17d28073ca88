/**
 * Signing in and sessions. A session moves through pending steps (second factor, second-factor
 * enrolment, password change) before it becomes active; only then does it act for the user.
 * Sessions end after 30 idle minutes or 12 hours in all. Five failed attempts lock an account
 * for 15 minutes. Every sign-in, failure, lockout and factor change is audited.
 *
 *   const { sessionToken, info } = await auth.login({ username, password }, origin);
 *   const resumed = await auth.resume(sessionToken, origin); // { actor, session } or undefined
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import type { Agency } from '../agencies/agency.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Secrets } from '../config.js';
import type { Database } from '../database/schema.js';
import { AppError, invalid } from '../errors.js';
import { dummyPasswordHash, generateOpaqueToken, hashPassword, keyedHash, seal, unseal, verifyPassword } from './secrets.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import { requiresSecondFactor } from './user.service.js';
import { UserRepository, type UserCredentials } from './user.repository.js';

export const sessionRules = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  maxFailures: 5,
  lockMs: 15 * 60_000,
  /** last_seen_at is written at most this often, to keep reads cheap. */
  touchEveryMs: 30_000,
  minPasswordLength: 12,
} as const;

export type Pending = 'totp' | 'totp_enrollment' | 'password_change';

export interface SessionInfo {
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: Role[];
    agency: Pick<Agency, 'id' | 'name' | 'country' | 'kind' | 'isOperator'>;
  };
  pending: Pending | null;
  expiresAt: Date;
  idleExpiresAt: Date;
}

/** A resumed session, as the HTTP layer holds it for one request. */
export interface Session {
  idHash: string;
  userId: string;
  pending: Pending | null;
  info: SessionInfo;
}

export interface Origin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const loginFailed = 'Wrong username or password, or the account is locked or disabled';

export class AuthService {
  readonly #users: UserRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly secrets: Secrets,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.#users = new UserRepository(db);
  }

  async login(input: { username: string; password: string }, origin: Origin): Promise<{ sessionToken: string; info: SessionInfo }> {
    const now = this.clock();
    const username = input.username.trim().toLowerCase();
    const user = await this.#users.findByUsername(username);
    const attempt = anonymousWithName(username.slice(0, 64), origin);
    if (user === undefined) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      await this.audit.record(attempt, { action: 'auth.login', outcome: 'denied', reason: 'unknown user' });
      throw new AppError('unauthenticated', loginFailed);
    }
    const subject = { recordType: 'user', recordId: user.id, recordAgencyId: user.agencyId };
    if (user.lockedUntil !== null && user.lockedUntil > now) {
      await this.audit.record(attempt, { action: 'auth.login', outcome: 'denied', reason: 'locked', ...subject });
      throw new AppError('unauthenticated', loginFailed);
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      await this.#countFailure(user, attempt, 'wrong password');
      throw new AppError('unauthenticated', loginFailed);
    }
    if (user.disabled) {
      await this.audit.record(attempt, { action: 'auth.login', outcome: 'denied', reason: 'disabled', ...subject });
      throw new AppError('unauthenticated', loginFailed);
    }

    const sessionToken = generateOpaqueToken('');
    const pending = firstPending(user, false);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('session')
        .values({
          id_hash: keyedHash(this.secrets.sessionSecret, sessionToken),
          user_id: user.id,
          pending,
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + sessionRules.absoluteMs),
          ip: origin.ip,
          user_agent: origin.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      await this.#users.update(trx, user.id, { failed_logins: 0, locked_until: null, ...(pending === null && { last_login_at: now }) });
      await this.audit.record(
        { ...attempt, type: 'user', id: user.id, agencyId: user.agencyId },
        { action: 'auth.login', outcome: 'success', ...subject, details: { pending } },
        trx,
      );
    });
    const session = await this.resume(sessionToken, origin);
    return { sessionToken, info: session!.session.info };
  }

  /** The session behind a cookie value, or undefined when unknown, idle too long or expired. */
  async resume(sessionToken: string, origin: Origin): Promise<{ actor: Actor; session: Session } | undefined> {
    const now = this.clock();
    const idHash = keyedHash(this.secrets.sessionSecret, sessionToken);
    const row = await this.db
      .selectFrom('session')
      .innerJoin('user_account as u', 'u.id', 'session.user_id')
      .innerJoin('agency as a', 'a.id', 'u.agency_id')
      .select([
        'session.pending',
        'session.last_seen_at',
        'session.expires_at',
        'u.id as user_id',
        'u.username',
        'u.display_name',
        'u.roles',
        'u.disabled_at',
        'a.id as agency_id',
        'a.name as agency_name',
        'a.country',
        'a.kind',
        'a.is_operator',
      ])
      .where('session.id_hash', '=', idHash)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const idleDeadline = row.last_seen_at.getTime() + sessionRules.idleMs;
    if (now.getTime() >= idleDeadline || now >= row.expires_at || row.disabled_at !== null) {
      await this.db.deleteFrom('session').where('id_hash', '=', idHash).execute();
      return undefined;
    }
    let lastSeen = row.last_seen_at;
    if (now.getTime() - lastSeen.getTime() >= sessionRules.touchEveryMs) {
      await this.db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
      lastSeen = now;
    }
    const roles = row.roles as Role[];
    const pending = row.pending as Pending | null;
    const info: SessionInfo = {
      user: {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        roles,
        agency: {
          id: row.agency_id,
          name: row.agency_name,
          country: row.country,
          kind: row.kind as Agency['kind'],
          isOperator: row.is_operator,
        },
      },
      pending,
      expiresAt: row.expires_at,
      idleExpiresAt: new Date(Math.min(lastSeen.getTime() + sessionRules.idleMs, row.expires_at.getTime())),
    };
    const actor: Actor = {
      type: 'user',
      id: row.user_id,
      name: row.username,
      agencyId: row.agency_id,
      agencyIsOperator: row.is_operator,
      roles: pending === null ? roles : [],
      ip: origin.ip,
      requestId: origin.requestId,
    };
    return { actor, session: { idHash, userId: row.user_id, pending, info } };
  }

  /** Second factor for a session whose pending step is `totp`. */
  async submitTotp(session: Session, code: string, actor: Actor): Promise<void> {
    this.#expectPending(session, ['totp']);
    const user = await this.#users.find(session.userId);
    const step = user?.totpSecretSealed
      ? verifyTotp(unseal(this.secrets.encryptionKey, user.totpSecretSealed), code, this.clock(), user.totpLastStep)
      : undefined;
    if (user === undefined || step === undefined) {
      if (user !== undefined) await this.#countFailure(user, actor, 'wrong second factor');
      throw new AppError('unauthenticated', 'The code is not valid; use the current code from your authenticator');
    }
    await this.#advance(session, user, actor, { totp_last_step: step }, 'auth.totp');
  }

  /** Starts enrolment: a new secret, kept sealed until a code proves the authenticator has it. */
  async setupTotp(session: Session, actor: Actor): Promise<{ secret: string; otpauthUri: string }> {
    if (session.pending !== null) this.#expectPending(session, ['totp_enrollment']);
    const user = await this.#users.find(session.userId);
    if (user?.totpEnabled) throw new AppError('conflict', 'A second factor is already enabled for this account');
    const secret = generateTotpSecret();
    await this.db
      .updateTable('user_account')
      .set({ totp_secret_enc: seal(this.secrets.encryptionKey, secret), totp_enabled_at: null })
      .where('id', '=', session.userId)
      .execute();
    await this.audit.record(actor, { action: 'auth.totp.setup', outcome: 'success', recordType: 'user', recordId: session.userId });
    return { secret, otpauthUri: otpauthUri(secret, session.info.user.username) };
  }

  async enableTotp(session: Session, code: string, actor: Actor): Promise<void> {
    if (session.pending !== null) this.#expectPending(session, ['totp_enrollment']);
    const user = await this.#users.find(session.userId);
    if (user?.totpSecretSealed == null) throw invalid('Start enrolment first', [{ field: 'code', message: 'no secret set up' }]);
    const step = verifyTotp(unseal(this.secrets.encryptionKey, user.totpSecretSealed), code, this.clock(), null);
    if (step === undefined) throw invalid('The code does not match', [{ field: 'code', message: 'does not match the new secret' }]);
    await this.#advance(session, user, actor, { totp_enabled_at: this.clock(), totp_last_step: step }, 'auth.totp.enable');
  }

  async changePassword(session: Session, input: { currentPassword: string; newPassword: string }, actor: Actor): Promise<void> {
    if (session.pending !== null) this.#expectPending(session, ['password_change']);
    const user = await this.#users.find(session.userId);
    if (user === undefined || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw invalid('The current password is wrong', [{ field: 'currentPassword', message: 'is wrong' }]);
    }
    if (input.newPassword.length < sessionRules.minPasswordLength) {
      throw invalid('The new password is too short', [
        { field: 'newPassword', message: `needs at least ${sessionRules.minPasswordLength} characters` },
      ]);
    }
    if (input.newPassword === input.currentPassword)
      throw invalid('Choose a new password', [{ field: 'newPassword', message: 'is the same as the current one' }]);
    const passwordHash = await hashPassword(input.newPassword);
    // Other sessions of this user end: whoever knew the old password is out.
    await this.db.deleteFrom('session').where('user_id', '=', user.id).where('id_hash', '!=', session.idHash).execute();
    await this.#advance(
      session,
      { ...user, mustChangePassword: false },
      actor,
      { password_hash: passwordHash, must_change_password: false },
      'auth.password.change',
    );
  }

  async logout(session: Session, actor: Actor): Promise<void> {
    await this.db.deleteFrom('session').where('id_hash', '=', session.idHash).execute();
    await this.audit.record(actor, { action: 'auth.logout', outcome: 'success', recordType: 'user', recordId: session.userId });
  }

  /** Applies one completed step and moves the session to its next pending step. */
  async #advance(
    session: Session,
    user: UserCredentials,
    actor: Actor,
    changes: Parameters<UserRepository['update']>[2],
    action: string,
  ): Promise<void> {
    // Every step here comes after the second factor, so what can remain is a password change.
    const next = session.pending === null ? null : firstPending(user, true);
    await this.db.transaction().execute(async (trx) => {
      await this.#users.update(trx, user.id, { ...changes, ...(next === null && { last_login_at: this.clock(), failed_logins: 0 }) });
      await trx.updateTable('session').set({ pending: next }).where('id_hash', '=', session.idHash).execute();
      await this.audit.record(
        { ...actor, type: 'user', id: user.id, name: user.username, agencyId: user.agencyId },
        { action, outcome: 'success', recordType: 'user', recordId: user.id, recordAgencyId: user.agencyId },
        trx,
      );
    });
  }

  async #countFailure(user: UserCredentials, actor: Actor, reason: string): Promise<void> {
    const now = this.clock();
    const { locked } = await this.#users.recordFailure(user.id, sessionRules.maxFailures, new Date(now.getTime() + sessionRules.lockMs));
    const subject = { recordType: 'user', recordId: user.id, recordAgencyId: user.agencyId };
    await this.audit.record(actor, { action: 'auth.login', outcome: 'denied', reason, ...subject });
    if (locked)
      await this.audit.record(actor, {
        action: 'auth.lockout',
        outcome: 'success',
        reason: `${sessionRules.maxFailures} failed attempts`,
        ...subject,
        details: { minutes: sessionRules.lockMs / 60_000 },
      });
  }

  #expectPending(session: Session, allowed: Pending[]): void {
    if (session.pending === null || !allowed.includes(session.pending)) {
      throw new AppError(
        'conflict',
        session.pending === null ? 'This session has no pending step' : `This session must first complete: ${session.pending}`,
      );
    }
  }
}

/** The next step a session must take, given what has been done. */
function firstPending(user: Pick<UserCredentials, 'totpEnabled' | 'roles' | 'mustChangePassword'>, factorDone: boolean): Pending | null {
  if (!factorDone) {
    if (user.totpEnabled) return 'totp';
    if (requiresSecondFactor(user)) return 'totp_enrollment';
  }
  return user.mustChangePassword ? 'password_change' : null;
}

function anonymousWithName(name: string, origin: Origin): Actor {
  return {
    type: 'anonymous',
    id: null,
    name,
    agencyId: null,
    agencyIsOperator: false,
    roles: [],
    ip: origin.ip,
    requestId: origin.requestId,
  };
}

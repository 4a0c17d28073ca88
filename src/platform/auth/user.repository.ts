/** SQL for user accounts. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, NewUserAccountRow, UserAccountRow, UserAccountUpdate } from '../database/schema.js';
import type { Role } from '../access/roles.js';
import { isUuid } from '../agencies/agency.repository.js';

export interface User {
  id: string;
  agencyId: string;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  totpEnabled: boolean;
  disabled: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  demo: boolean;
  createdAt: Date;
}

/** The account with its credentials: never leaves the auth services. */
export interface UserCredentials extends User {
  passwordHash: string;
  totpSecretSealed: string | null;
  totpLastStep: number | null;
  failedLogins: number;
}

type Executor = Kysely<Database> | Transaction<Database>;

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(agencyId: string | undefined): Promise<User[]> {
    let query = this.db.selectFrom('user_account').selectAll();
    if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
    const rows = await query.orderBy('username').execute();
    return rows.map(toUser);
  }

  /** The account without its credentials. */
  async findUser(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async find(id: string, db: Executor = this.db): Promise<UserCredentials | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCredentials(row);
  }

  async findByUsername(username: string): Promise<UserCredentials | undefined> {
    const row = await this.db.selectFrom('user_account').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toCredentials(row);
  }

  async insert(db: Executor, user: NewUserAccountRow): Promise<User> {
    const row = await db.insertInto('user_account').values(user).returningAll().executeTakeFirstOrThrow();
    return toUser(row);
  }

  async update(db: Executor, id: string, changes: UserAccountUpdate): Promise<User> {
    const row = await db.updateTable('user_account').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return toUser(row);
  }

  /** Counts a failed login; locks the account for `lockMs` once `maxFailures` is reached. */
  async recordFailure(id: string, maxFailures: number, lockUntil: Date): Promise<{ failedLogins: number; locked: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('user_account')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', id)
        .returning(['failed_logins'])
        .executeTakeFirstOrThrow();
      const locked = row.failed_logins >= maxFailures;
      if (locked) await trx.updateTable('user_account').set({ locked_until: lockUntil, failed_logins: 0 }).where('id', '=', id).execute();
      return { failedLogins: row.failed_logins, locked };
    });
  }
}

function toUser(row: UserAccountRow): User {
  return {
    id: row.id,
    agencyId: row.agency_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    mustChangePassword: row.must_change_password,
    totpEnabled: row.totp_enabled_at !== null,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    demo: row.demo,
    createdAt: row.created_at,
  };
}

function toCredentials(row: UserAccountRow): UserCredentials {
  return {
    ...toUser(row),
    passwordHash: row.password_hash,
    totpSecretSealed: row.totp_secret_enc,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    failedLogins: row.failed_logins,
  };
}

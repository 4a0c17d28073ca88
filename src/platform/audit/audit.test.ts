/** The audit chain: intact after real activity; every alteration, deletion and reordering caught. */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn } from '../../../test/factories.js';
import { systemActor } from '../access/actor.js';
import { AuditRepository } from './audit.repository.js';

describe('audit chain', () => {
  let t: TestApp;
  const system = systemActor('test');

  beforeEach(async () => {
    t = await createTestApp();
    for (let i = 1; i <= 10; i += 1)
      await t.app.services.audit.record(system, { action: `test.step`, outcome: 'success', details: { i, nested: { b: 2, a: [1, 'x'] } } });
  });
  afterEach(() => t.close());

  const tamper = (fn: Parameters<AuditRepository['withTriggersDisabled']>[0]) =>
    new AuditRepository(t.app.database.db).withTriggersDisabled(fn);

  it('verifies an intact chain', async () => {
    expect(await t.app.services.audit.verify()).toEqual({ ok: true, checked: 10, headSeq: 10, firstBroken: null });
  });

  it('verifies across batches', async () => {
    expect((await t.app.services.audit.verify(3)).ok).toBe(true);
  });

  it('refuses updates and deletes at the database', async () => {
    await expect(t.app.database.db.updateTable('audit_event').set({ action: 'x' }).where('seq', '=', 3).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.app.database.db.deleteFrom('audit_event').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
  });

  it('catches an altered entry', async () => {
    await tamper((trx) => trx.updateTable('audit_event').set({ actor_name: 'someone else' }).where('seq', '=', 4).execute());
    expect((await t.app.services.audit.verify()).firstBroken).toEqual({ seq: 4, problem: 'content does not match its hash' });
  });

  it('catches altered details, even with a recomputed own hash', async () => {
    await tamper(async (trx) => {
      await trx
        .updateTable('audit_event')
        .set({ details: JSON.stringify({ i: 99 }) })
        .where('seq', '=', 6)
        .execute();
    });
    expect((await t.app.services.audit.verify()).firstBroken?.seq).toBe(6);
  });

  it('catches a deleted entry in the middle', async () => {
    await tamper((trx) => trx.deleteFrom('audit_event').where('seq', '=', 5).execute());
    expect((await t.app.services.audit.verify()).firstBroken).toEqual({ seq: 6, problem: 'sequence gap or reordering' });
  });

  it('catches a deleted entry with renumbered successors', async () => {
    await tamper(async (trx) => {
      await trx.deleteFrom('audit_event').where('seq', '=', 5).execute();
      await sql`update audit_event set seq = seq - 1 where seq > 5`.execute(trx);
    });
    expect((await t.app.services.audit.verify()).firstBroken).toEqual({
      seq: 5,
      problem: 'previous hash does not match the entry before it',
    });
  });

  it('catches deleted entries at the end', async () => {
    await tamper((trx) => trx.deleteFrom('audit_event').where('seq', '>=', 9).execute());
    expect((await t.app.services.audit.verify()).firstBroken).toEqual({ seq: 9, problem: 'the chain ends before its recorded head' });
  });

  it('catches two entries swapped', async () => {
    await tamper(async (trx) => {
      await sql`update audit_event set seq = -3 where seq = 3`.execute(trx);
      await sql`update audit_event set seq = 3 where seq = 7`.execute(trx);
      await sql`update audit_event set seq = 7 where seq = -3`.execute(trx);
    });
    expect((await t.app.services.audit.verify()).firstBroken).toEqual({
      seq: 3,
      problem: 'previous hash does not match the entry before it',
    });
  });

  it('catches an inserted forged entry', async () => {
    await tamper(async (trx) => {
      await sql`update audit_event set seq = -(seq + 1) where seq >= 5`.execute(trx);
      await sql`update audit_event set seq = -seq where seq < 0`.execute(trx);
      const before = await trx.selectFrom('audit_event').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
      await trx
        .insertInto('audit_event')
        .values({ ...before, seq: 5, action: 'forged', details: JSON.stringify(before.details), prev_hash: before.hash })
        .execute();
    });
    expect((await t.app.services.audit.verify()).firstBroken?.seq).toBe(5);
  });

  it('keeps the chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.services.audit.record(system, { action: 'test.parallel', outcome: 'success', details: { i } }),
      ),
    );
    expect(await t.app.services.audit.verify()).toMatchObject({ ok: true, checked: 30 });
  });

  it("records sign-ins, failures and role changes, and scopes search to the auditor's agency", async () => {
    const ours = await insertAgency(t);
    const theirs = await insertAgency(t);
    const admin = await insertUser(t, { agency: ours, roles: ['admin'] });
    const auditor = await insertUser(t, { agency: ours, roles: ['auditor'] });
    const stranger = await insertUser(t, { agency: theirs, roles: ['analyst'] });
    await signIn(t, stranger);
    await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: admin.user.username, password: 'wrong password' },
    });
    const adminCookie = await signIn(t, admin);
    const user = await t.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: adminCookie },
      payload: { username: 'new.user', displayName: 'New', roles: ['analyst'] },
    });
    await t.server.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.json().user.id}`,
      headers: { cookie: adminCookie },
      payload: { roles: ['analyst', 'investigator'] },
    });

    const cookie = await signIn(t, auditor);
    const res = await t.server.inject({ method: 'GET', url: '/api/v1/audit/events?limit=1000', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const events = res.json<{
      items: { action: string; outcome: string; agencyId: string | null; recordAgencyId: string | null; details: unknown }[];
    }>().items;
    const actions = events.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toContain('auth.login:denied');
    expect(actions).toContain('auth.login:success');
    expect(actions).toContain('auth.totp:success');
    expect(actions).toContain('user.roles.change:success');
    expect(events.find((e) => e.action === 'user.roles.change')?.details).toEqual({
      before: ['analyst'],
      after: ['analyst', 'investigator'],
    });
    expect(events.every((e) => e.agencyId === ours.id || e.recordAgencyId === ours.id)).toBe(true);

    const analyst = await signIn(t, stranger);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/audit/events', headers: { cookie: analyst } })).statusCode).toBe(403);
  });

  it('exports CSV and JSON Lines to auditors', async () => {
    const auditor = await insertUser(t, { roles: ['auditor'], agency: await insertAgency(t, { isOperator: true }) });
    const cookie = await signIn(t, auditor);
    const csv = await t.server.inject({ method: 'GET', url: '/api/v1/audit/export?format=csv&action=test.', headers: { cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'seq,at,actorType,actorId,actorName,agencyId,action,recordType,recordId,recordAgencyId,outcome,reason,ip,requestId,details,prevHash,hash',
    );
    expect(lines).toHaveLength(11);
    const jsonl = await t.server.inject({ method: 'GET', url: '/api/v1/audit/export?format=jsonl&action=test.step', headers: { cookie } });
    const parsed = jsonl.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; details: { i: number } });
    expect(parsed.map((e) => e.details.i)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const verify = await t.server.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  });
});

/**
 * The platform's access rule, proven on case files through the HTTP API: every role × every
 * relation of the record to the caller's agency × read / list / change, with the expected outcome
 * written out for each cell. An invisible record answers 404, exactly like a missing one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role, type Visibility } from '../platform/access/roles.js';
import type { Agency } from '../platform/agencies/agency.repository.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../test/factories.js';

type Relation = 'own' | 'other' | 'shared with us' | 'shared with others' | 'network' | 'public';
type Operation = 'read' | 'list' | 'change';
/** 200/404/403 for read and change; for list: whether the record is included, or 403. */
type Outcome = 200 | 403 | 404 | 'listed' | 'absent';

const reader: Record<Operation, Record<Relation, Outcome>> = {
  read: { own: 200, other: 404, 'shared with us': 200, 'shared with others': 404, network: 200, public: 200 },
  list: { own: 'listed', other: 'absent', 'shared with us': 'listed', 'shared with others': 'absent', network: 'listed', public: 'listed' },
  change: { own: 200, other: 404, 'shared with us': 403, 'shared with others': 404, network: 403, public: 403 },
};
/** Roles are checked before visibility: a role that may never change cases gets 403 everywhere. */
const readOnly: Record<Operation, Record<Relation, Outcome>> = {
  ...reader,
  change: { own: 403, other: 403, 'shared with us': 403, 'shared with others': 403, network: 403, public: 403 },
};
const noAccess: Record<Operation, Record<Relation, Outcome>> = {
  read: { own: 403, other: 403, 'shared with us': 403, 'shared with others': 403, network: 403, public: 403 },
  list: { own: 403, other: 403, 'shared with us': 403, 'shared with others': 403, network: 403, public: 403 },
  change: { own: 403, other: 403, 'shared with us': 403, 'shared with others': 403, network: 403, public: 403 },
};

/** The expected outcome of every cell. */
const expected: Record<Role, Record<Operation, Record<Relation, Outcome>>> = {
  analyst: reader,
  investigator: reader,
  admin: readOnly,
  border_officer: noAccess,
  notice_officer: noAccess,
  auditor: noAccess,
};

const relations: Relation[] = ['own', 'other', 'shared with us', 'shared with others', 'network', 'public'];

describe('case access matrix', () => {
  let t: TestApp;
  let ours: Agency;
  const callers = new Map<Role, string>();
  const records = new Map<Relation, string>();

  beforeAll(async () => {
    t = await createTestApp();
    ours = await insertAgency(t, { name: 'Our agency', country: 'NLD' });
    const theirs = await insertAgency(t, { name: 'Their agency', country: 'PHL' });
    const third = await insertAgency(t, { name: 'Third agency', country: 'KEN' });
    const ourOwner = await insertUser(t, { agency: ours, roles: ['investigator'] });
    const theirOwner = await insertUser(t, { agency: theirs, roles: ['investigator'] });
    const create = async (owner: TestUser, visibility: Visibility, sharedWith: string[] = []) =>
      (await t.app.services.cases.create(owner.actor, { title: `case ${visibility}`, visibility, sharedWith })).id;
    records.set('own', await create(ourOwner, 'agency'));
    records.set('other', await create(theirOwner, 'agency'));
    records.set('shared with us', await create(theirOwner, 'shared', [ours.id]));
    records.set('shared with others', await create(theirOwner, 'shared', [third.id]));
    records.set('network', await create(theirOwner, 'network'));
    records.set('public', await create(theirOwner, 'public'));
    for (const role of roles) callers.set(role, await signIn(t, await insertUser(t, { agency: ours, roles: [role] })));
  });
  afterAll(() => t.close());

  const cells = roles.flatMap((role) => relations.map((relation) => ({ role, relation })));

  it.each(cells)('$role × $relation: read', async ({ role, relation }) => {
    const res = await t.server.inject({
      method: 'GET',
      url: `/api/v1/cases/${records.get(relation)}`,
      headers: { cookie: callers.get(role)! },
    });
    expect(res.statusCode).toBe(expected[role].read[relation]);
    if (res.statusCode === 404) expect(res.json()).toMatchObject({ code: 'not_found', detail: 'Case not found' });
  });

  it.each(cells)('$role × $relation: list', async ({ role, relation }) => {
    const res = await t.server.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: callers.get(role)! } });
    const want = expected[role].list[relation];
    if (want === 403) {
      expect(res.statusCode).toBe(403);
      return;
    }
    expect(res.statusCode).toBe(200);
    const ids = res.json<{ items: { id: string }[] }>().items.map((c) => c.id);
    expect(ids.includes(records.get(relation)!)).toBe(want === 'listed');
  });

  it.each(cells)('$role × $relation: change', async ({ role, relation }) => {
    const res = await t.server.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${records.get(relation)}`,
      headers: { cookie: callers.get(role)! },
      payload: { summary: `changed by ${role}` },
    });
    expect(res.statusCode).toBe(expected[role].change[relation]);
  });

  it('answers an unknown id exactly as an invisible one', async () => {
    const cookie = callers.get('analyst')!;
    const missing = await t.server.inject({
      method: 'GET',
      url: '/api/v1/cases/00000000-0000-4000-8000-000000000000',
      headers: { cookie },
    });
    const invisible = await t.server.inject({ method: 'GET', url: `/api/v1/cases/${records.get('other')}`, headers: { cookie } });
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
    expect(missing.statusCode).toBe(404);
    expect(strip(invisible.json())).toEqual(strip(missing.json()));
  });

  it('audits reads and denials of case files', async () => {
    const events = await t.app.services.audit.search(
      { type: 'system', id: null, name: 'test', agencyId: null, agencyIsOperator: true, roles: [], ip: null, requestId: null },
      { recordType: 'case' },
      1000,
    );
    const byOutcome = (action: string, outcome: string) => events.filter((e) => e.action === action && e.outcome === outcome).length;
    expect(byOutcome('case.read', 'success')).toBeGreaterThan(0);
    expect(byOutcome('case.read', 'denied')).toBeGreaterThan(0);
    expect(byOutcome('case.update', 'denied')).toBeGreaterThan(0);
    const denial = events.find((e) => e.action === 'case.read' && e.outcome === 'denied' && e.reason === 'not_found');
    expect(denial?.agencyId).toBe(ours.id);
  });

  it('lets a token act with its roles and its agency', async () => {
    const admin = await insertUser(t, { agency: ours, roles: ['admin'] });
    const { secret } = await t.app.services.tokens.create(admin.actor, { name: 'case bot', roles: ['investigator'] });
    const headers = { authorization: `Bearer ${secret}` };
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/cases/${records.get('own')}`, headers })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/cases/${records.get('other')}`, headers })).statusCode).toBe(404);
  });
});

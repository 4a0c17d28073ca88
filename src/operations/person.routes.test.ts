/**
 * Persons over HTTP: create, list, search and change with every bad field named; another agency's
 * person answering 404 until it is shared; dark web accounts linked and unlinked by the agency
 * that owns the account's site (404 for anyone else, and for a person the actor cannot see); a
 * link shown only to viewers who may see the person; audit entries for reads, links and unlinks;
 * OpenAPI. Accounts are written straight to the database (the crawler's tests cover how they are made).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../test/factories.js';
import { onionAddressFromKey } from '../darkweb/transport/onion-address.js';
import { systemActor } from '../platform/access/actor.js';

interface PersonBody {
  id: string;
  ownerAgencyId: string;
  visibility: string;
  sharedWith: string[];
  caseId: string | null;
  name: string;
  aliases: string[];
  birthDate: string | null;
  nationality: string | null;
  notes: string;
  accounts: { id: string; siteId: string; siteName: string; kind: string; value: string; basis: string | null }[];
}
interface AccountBody {
  id: string;
  persons: { id: string; name: string }[];
}
interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe('persons API', () => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let cookies: { owner: string; colleague: string; outsider: string };
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await insertAgency(t, { name: 'Politie Test' });
    owner = await insertUser(t, { agency, roles: ['investigator'] });
    colleague = await insertUser(t, { agency, roles: ['analyst'] });
    outsider = await insertUser(t, { agency: await insertAgency(t, { country: 'BEL' }), roles: ['investigator'] });
    cookies = { owner: await signIn(t, owner), colleague: await signIn(t, colleague), outsider: await signIn(t, outsider) };
  });
  afterAll(() => t.close());

  const request = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined && { payload }) });

  async function createPerson(cookie: string, body: Record<string, unknown> = {}): Promise<PersonBody> {
    const response = await request(cookie, 'POST', '/persons', { name: `Test Person ${++counter}`, ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<PersonBody>();
  }

  /** A site of the owner's agency with one account on it; the site's visibility as given. */
  async function siteWithAccount(visibility: 'agency' | 'network', value: string): Promise<{ siteId: string; accountId: string }> {
    const site = await t.app.services.sites.create(owner.actor, {
      name: `Radio forum ${++counter}`,
      origin: `http://${onionAddressFromKey(randomBytes(32))}`,
      legalBasis: 'Warrant 2026/114',
      visibility,
    });
    const account = await t.app.database.db
      .insertInto('darkweb_account')
      .values({
        site_id: site.id,
        kind: 'username',
        value,
        first_seen_at: new Date('2026-10-01T12:00:00Z'),
        last_seen_at: new Date('2026-10-01T12:00:00Z'),
        first_url: `${site.origin}/members`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { siteId: site.id, accountId: account.id };
  }

  const audited = (action: string, recordId?: string) =>
    t.app.services.audit.search(systemActor('test'), { action, ...(recordId !== undefined && { recordId }) });

  it('creates a person, cleaning what was given, and names every bad field in a problem document', async () => {
    const own = await t.app.services.cases.create(owner.actor, { title: 'Operation Radio', visibility: 'agency' });
    const created = await createPerson(cookies.owner, {
      name: '  Test Person  ',
      aliases: ['Radio Ham', ' radio ham', 'Radio Ham', ''],
      birthDate: '1980-05-17',
      nationality: 'nld',
      notes: 'Invented for the tests.',
      caseId: own.id,
    });
    expect(created).toMatchObject({
      ownerAgencyId: owner.agency.id,
      visibility: 'agency',
      sharedWith: [],
      caseId: own.id,
      name: 'Test Person',
      aliases: ['Radio Ham', 'radio ham'],
      birthDate: '1980-05-17',
      nationality: 'NLD',
      notes: 'Invented for the tests.',
      accounts: [],
    });

    const bad = await request(cookies.owner, 'POST', '/persons', {
      name: '   ',
      aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`),
      birthDate: '1990-02-30',
      nationality: 'XYZ',
      caseId: randomUUID(),
      visibility: 'public',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<Problem>().errors?.map((e) => e.field)).toEqual([
      'name',
      'aliases',
      'birthDate',
      'nationality',
      'caseId',
      'visibility',
    ]);

    const theirCase = await t.app.services.cases.create(outsider.actor, { title: 'Elsewhere', visibility: 'agency' });
    const more = await request(cookies.owner, 'POST', '/persons', {
      name: 'Test Person',
      birthDate: '2999-01-01',
      nationality: 'Netherlands',
      caseId: theirCase.id,
      visibility: 'shared',
    });
    expect(more.json<Problem>().errors).toEqual([
      { field: 'birthDate', message: expect.stringContaining('past') },
      { field: 'nationality', message: expect.stringContaining('ISO 3166-1 alpha-3') },
      { field: 'caseId', message: 'no such case' },
      { field: 'sharedWith', message: expect.stringContaining('at least one agency') },
    ]);
    const typed = await request(cookies.owner, 'POST', '/persons', { name: 'Test Person', aliases: 'Radio Ham', age: 40 });
    expect(typed.statusCode).toBe(400);
    expect(
      typed
        .json<Problem>()
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['age', 'aliases']);

    expect((await request(cookies.colleague, 'POST', '/persons', { name: 'Test Person' })).statusCode).toBe(403);
  });

  it('lists and searches persons by name and alias, with a limit, and audits the reads', async () => {
    const ham = await createPerson(cookies.owner, { name: 'Egon Testperson', aliases: ['Valve Collector'] });
    const searched = await request(cookies.colleague, 'GET', '/persons?q=valve');
    expect(searched.statusCode).toBe(200);
    expect(searched.json<{ items: PersonBody[] }>().items.map((p) => p.id)).toEqual([ham.id]);
    const byName = await request(cookies.colleague, 'GET', '/persons?q=TESTPERSON');
    expect(byName.json<{ items: PersonBody[] }>().items.map((p) => p.id)).toEqual([ham.id]);
    expect((await request(cookies.colleague, 'GET', '/persons?q=nobody')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await request(cookies.colleague, 'GET', '/persons?limit=1')).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await request(cookies.colleague, 'GET', '/persons?limit=0')).statusCode).toBe(400);
    expect((await request(cookies.outsider, 'GET', '/persons?q=valve')).json<{ items: unknown[] }>().items).toEqual([]);

    const detail = await request(cookies.colleague, 'GET', `/persons/${ham.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<PersonBody>()).toMatchObject({ id: ham.id, name: 'Egon Testperson', accounts: [] });
    const reads = await audited('person.read', ham.id);
    expect(reads.map((e) => [e.actorId, e.outcome])).toEqual([[colleague.user.id, 'success']]);
    const lists = await audited('person.list');
    expect(lists.some((e) => e.actorId === colleague.user.id && (e.details as { q?: string }).q === 'valve')).toBe(true);
  });

  it('changes a person with every bad field named, for the owning agency only', async () => {
    const person = await createPerson(cookies.owner, { nationality: 'BEL', birthDate: '1975-01-31' });
    const bad = await request(cookies.owner, 'PATCH', `/persons/${person.id}`, {
      name: '',
      birthDate: '31-01-1975',
      nationality: 'BE',
      caseId: 'not-a-case',
      visibility: 'everyone',
      sharedWith: [randomUUID()],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.field)).toEqual([
      'name',
      'birthDate',
      'nationality',
      'caseId',
      'visibility',
      'sharedWith',
    ]);

    const changed = await request(cookies.owner, 'PATCH', `/persons/${person.id}`, {
      aliases: ['Radio Ham'],
      nationality: null,
      notes: 'Seen at the radio fair.',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<PersonBody>()).toMatchObject({
      name: person.name,
      aliases: ['Radio Ham'],
      nationality: null,
      birthDate: '1975-01-31',
      notes: 'Seen at the radio fair.',
    });
    expect((await request(cookies.colleague, 'PATCH', `/persons/${person.id}`, { notes: 'x' })).statusCode).toBe(403);
    expect((await audited('person.update', person.id)).map((e) => e.outcome)).toEqual(['denied', 'success']);
  });

  it('answers 404, not 403, for another agency’s person until it is shared, then 403 for changes', async () => {
    const person = await createPerson(cookies.owner);
    for (const [method, url, payload] of [
      ['GET', `/persons/${person.id}`],
      ['PATCH', `/persons/${person.id}`, { notes: 'mine now' }],
      ['GET', `/persons/${randomUUID()}`],
      ['GET', '/persons/not-an-id'],
    ] as const) {
      const response = await request(cookies.outsider, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json<Problem>().code).toBe('not_found');
    }
    expect((await audited('person.read', person.id)).map((e) => [e.actorId, e.outcome])).toEqual([[outsider.user.id, 'denied']]);

    const shared = await request(cookies.owner, 'PATCH', `/persons/${person.id}`, {
      visibility: 'shared',
      sharedWith: [outsider.agency.id],
    });
    expect(shared.json<PersonBody>()).toMatchObject({ visibility: 'shared', sharedWith: [outsider.agency.id] });
    expect((await request(cookies.outsider, 'GET', `/persons/${person.id}`)).statusCode).toBe(200);
    expect((await request(cookies.outsider, 'PATCH', `/persons/${person.id}`, { notes: 'mine now' })).statusCode).toBe(403);
    const narrowed = await request(cookies.owner, 'PATCH', `/persons/${person.id}`, { visibility: 'agency' });
    expect(narrowed.json<PersonBody>()).toMatchObject({ visibility: 'agency', sharedWith: [] });
    expect((await request(cookies.outsider, 'GET', `/persons/${person.id}`)).statusCode).toBe(404);
  });

  describe('dark web accounts linked to persons', () => {
    let person: PersonBody;
    let open: { siteId: string; accountId: string };
    let closed: { siteId: string; accountId: string };

    beforeAll(async () => {
      person = await createPerson(cookies.owner, { name: 'Test Person Linked', aliases: ['Radio Ham'] });
      open = await siteWithAccount('network', 'radioham');
      closed = await siteWithAccount('agency', 'radioham@example.test');
    });

    const accountsOf = async (cookie: string, siteId: string) =>
      (await request(cookie, 'GET', `/darkweb/accounts?siteId=${siteId}`)).json<{ items: AccountBody[] }>().items;

    it('links an account (with or without a basis) and shows the link to those who may see the person', async () => {
      const linked = await request(cookies.owner, 'PUT', `/darkweb/accounts/${open.accountId}/persons/${person.id}`, {
        basis: 'Same PGP key as on the radio fair forum',
      });
      expect(linked.statusCode, linked.body).toBe(204);
      const bare = await request(cookies.owner, 'PUT', `/darkweb/accounts/${closed.accountId}/persons/${person.id}`, {});
      expect(bare.statusCode, bare.body).toBe(204);

      expect(await accountsOf(cookies.colleague, open.siteId)).toEqual([
        expect.objectContaining({ id: open.accountId, persons: [{ id: person.id, name: 'Test Person Linked' }] }),
      ]);
      // The outsider sees the network site's account, not the person (agency only) nor the link.
      expect(await accountsOf(cookies.outsider, open.siteId)).toEqual([expect.objectContaining({ id: open.accountId, persons: [] })]);

      const detail = (await request(cookies.colleague, 'GET', `/persons/${person.id}`)).json<PersonBody>();
      expect(detail.accounts).toHaveLength(2);
      expect(detail.accounts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: open.accountId,
            siteId: open.siteId,
            kind: 'username',
            value: 'radioham',
            basis: expect.any(String),
          }),
          expect.objectContaining({ id: closed.accountId, siteId: closed.siteId, value: 'radioham@example.test', basis: null }),
        ]),
      );

      await request(cookies.owner, 'PATCH', `/persons/${person.id}`, { visibility: 'network' });
      expect(await accountsOf(cookies.outsider, open.siteId)).toEqual([
        expect.objectContaining({ id: open.accountId, persons: [{ id: person.id, name: 'Test Person Linked' }] }),
      ]);
      // The outsider sees the person now, with only the account on the site it may see.
      const theirs = (await request(cookies.outsider, 'GET', `/persons/${person.id}`)).json<PersonBody>();
      expect(theirs.accounts.map((a) => a.id)).toEqual([open.accountId]);
      await request(cookies.owner, 'PATCH', `/persons/${person.id}`, { visibility: 'agency' });

      const events = await audited('darkweb.account.link_person');
      expect(events.map((e) => [e.recordId, e.actorId, (e.details as { personId: string }).personId]).sort()).toEqual(
        [
          [open.accountId, owner.user.id, person.id],
          [closed.accountId, owner.user.id, person.id],
        ].sort(),
      );
    });

    it('answers 404 for an account of a site the agency does not own, and for a person it cannot see', async () => {
      const theirs = await createPerson(cookies.outsider, { name: 'Test Person Elsewhere' });
      // The outsider sees the network site's account but does not own the site.
      const notOwner = await request(cookies.outsider, 'PUT', `/darkweb/accounts/${open.accountId}/persons/${theirs.id}`, {});
      expect(notOwner.statusCode).toBe(404);
      expect(notOwner.json<Problem>().code).toBe('not_found');
      expect((await request(cookies.outsider, 'PUT', `/darkweb/accounts/${closed.accountId}/persons/${theirs.id}`, {})).statusCode).toBe(
        404,
      );
      expect((await request(cookies.outsider, 'DELETE', `/darkweb/accounts/${open.accountId}/persons/${person.id}`)).statusCode).toBe(404);
      const invisible = await request(cookies.owner, 'PUT', `/darkweb/accounts/${open.accountId}/persons/${theirs.id}`, {});
      expect(invisible.statusCode).toBe(404);
      expect(invisible.json<{ detail: string }>().detail).toContain('Person');
      expect((await request(cookies.owner, 'PUT', `/darkweb/accounts/${randomUUID()}/persons/${person.id}`, {})).statusCode).toBe(404);
      expect((await request(cookies.owner, 'PUT', `/darkweb/accounts/${open.accountId}/persons/nope`, {})).statusCode).toBe(404);
      // Analysts read accounts and persons but do not link them.
      expect((await request(cookies.colleague, 'PUT', `/darkweb/accounts/${open.accountId}/persons/${person.id}`, {})).statusCode).toBe(
        403,
      );
      const long = await request(cookies.owner, 'PUT', `/darkweb/accounts/${open.accountId}/persons/${person.id}`, {
        basis: 'x'.repeat(2001),
      });
      expect(long.statusCode).toBe(400);
      expect(
        (await request(cookies.owner, 'PUT', `/darkweb/accounts/${open.accountId}/persons/${person.id}`, { why: 'x' })).statusCode,
      ).toBe(400);
    });

    it('unlinks, audited, and answers 404 for a link that is not there', async () => {
      const path = `/darkweb/accounts/${open.accountId}/persons/${person.id}`;
      expect((await request(cookies.owner, 'DELETE', path)).statusCode).toBe(204);
      expect((await request(cookies.owner, 'DELETE', path)).statusCode).toBe(404);
      expect(await accountsOf(cookies.colleague, open.siteId)).toEqual([expect.objectContaining({ id: open.accountId, persons: [] })]);
      const detail = (await request(cookies.colleague, 'GET', `/persons/${person.id}`)).json<PersonBody>();
      expect(detail.accounts.map((a) => a.id)).toEqual([closed.accountId]);
      const events = await audited('darkweb.account.unlink_person', open.accountId);
      expect(events.map((e) => [e.actorId, e.outcome, e.recordAgencyId])).toEqual([[owner.user.id, 'success', owner.agency.id]]);
    });
  });

  it('documents the routes in OpenAPI', async () => {
    const spec = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    }>();
    expect(Object.keys(spec.paths['/api/v1/persons'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/v1/persons/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(spec.paths['/api/v1/darkweb/accounts/{id}/persons/{personId}'] ?? {}).sort()).toEqual(['delete', 'put']);
    expect(spec.paths['/api/v1/persons/{id}']?.['get']?.responses).toHaveProperty(['200']);
    expect(JSON.stringify(spec.paths['/api/v1/darkweb/accounts'])).toContain('persons');
  });
});

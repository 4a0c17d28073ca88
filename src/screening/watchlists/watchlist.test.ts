/**
 * Watchlists on a real database through the HTTP API: imports all-or-nothing and idempotent,
 * visibility across agencies (an invisible list answers 404), roles, and screening through
 * `POST /screen` against what was imported, with the index rebuilt after imports and every read
 * of entries and every check audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../../test/factories.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Agency } from '../../platform/agencies/agency.repository.js';
import { checkDigit } from '../mrz.js';
import { ScreeningIndexHolder } from '../screening.service.js';
import { WatchlistRepository } from './watchlist.repository.js';

const ftm = [
  JSON.stringify({
    id: 'syn-1',
    schema: 'Person',
    properties: {
      name: ['Tobias Quellmann'],
      alias: ['Тобиас Квелльман'],
      birthDate: ['1979-04-23'],
      nationality: ['de'],
      gender: ['male'],
      passportNumber: ['C4Q7Z1X97'],
      topics: ['wanted'],
    },
  }),
  JSON.stringify({ id: 'syn-2', schema: 'Person', properties: { name: ['Mirela Ostrovan'], birthDate: ['1990'], nationality: ['ro'] } }),
  JSON.stringify({ id: 'org-1', schema: 'Company', properties: { name: ['Synthetic Freight Ltd'] } }),
].join('\n');

const badFtm = `${ftm}\n{"id":"syn-3","schema":"Person","properties":{}}\nnot json\n`;

const documentsCsv =
  'id,number,country,document_type,status,reported_on\nd1,X00451277,NLD,passport,stolen,2025-02-11\nd2,ID-88 1903,BEL,id_card,lost,\n';

describe('watchlists', () => {
  let t: TestApp;
  let ours: Agency;
  let theirs: Agency;
  let officer: TestUser;
  let officerCookie: string;
  let analystCookie: string;
  let otherCookie: string;
  let sharedCookie: string;
  let persons: string;
  let documents: string;

  const api = async (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined && { payload }) });
  const upload = async (cookie: string, id: string, body: string, query = '') => {
    const form = new FormData();
    form.append('file', new Blob([body]), 'list.txt');
    return t.server.inject({ method: 'POST', url: `/api/v1/watchlists/${id}/import${query}`, headers: { cookie }, payload: form });
  };

  beforeAll(async () => {
    t = await createTestApp();
    ours = await insertAgency(t, { name: 'Border police (test)', country: 'ESP', kind: 'border_agency' });
    theirs = await insertAgency(t, { name: 'Other police (test)', country: 'KEN' });
    const partner = await insertAgency(t, { name: 'Partner police (test)', country: 'PHL' });
    officer = await insertUser(t, { agency: ours, roles: ['border_officer'] });
    officerCookie = await signIn(t, officer);
    analystCookie = await signIn(t, await insertUser(t, { agency: ours, roles: ['analyst'] }));
    otherCookie = await signIn(t, await insertUser(t, { agency: theirs, roles: ['border_officer'] }));
    sharedCookie = await signIn(t, await insertUser(t, { agency: partner, roles: ['investigator'] }));
    const created = await api(officerCookie, 'POST', '/watchlists', {
      name: 'Wanted (synthetic)',
      kind: 'persons',
      source: 'test',
      visibility: 'shared',
      sharedWith: [partner.id],
    });
    expect(created.statusCode).toBe(201);
    persons = created.json<{ id: string }>().id;
    documents = (
      await api(officerCookie, 'POST', '/watchlists', { name: 'Stolen documents (synthetic)', kind: 'documents', visibility: 'agency' })
    ).json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it('refuses an import with any bad record and changes nothing', async () => {
    const res = await upload(officerCookie, persons, badFtm, '?format=ftm-jsonl');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      imported: 0,
      records: 4,
      skipped: 1,
      errors: [
        { line: 4, message: 'Person syn-3 has no name' },
        { line: 5, message: expect.stringContaining('invalid JSON') as string },
      ],
    });
    const list = await api(officerCookie, 'GET', `/watchlists/${persons}`);
    expect(list.json()).toMatchObject({ entryCount: 0 });
  });

  it('imports the valid records with skipInvalid, and the same file again replaces rather than adds', async () => {
    const first = await upload(officerCookie, persons, badFtm, '?skipInvalid=true');
    expect(first.json()).toMatchObject({ format: 'ftm-jsonl', imported: 2, created: 2, updated: 0, records: 4 });
    const again = await upload(officerCookie, persons, ftm);
    expect(again.json()).toMatchObject({ imported: 2, created: 0, updated: 2, errors: [] });
    expect((await api(officerCookie, 'GET', `/watchlists/${persons}`)).json()).toMatchObject({ entryCount: 2, kind: 'persons' });
    const docs = await upload(officerCookie, documents, documentsCsv);
    expect(docs.json()).toMatchObject({ format: 'documents-csv', imported: 2, errors: [] });
  });

  it('refuses a format that does not fit the kind of list', async () => {
    const res = await upload(officerCookie, documents, 'name\nX\n', '?format=persons-csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid', errors: [{ field: 'format' }] });
  });

  it('pages entries and shows them as stored', async () => {
    const page = await api(officerCookie, 'GET', `/watchlists/${persons}/entries?limit=1`);
    expect(page.statusCode).toBe(200);
    const [first] = page.json<{ items: { id: string; externalId: string }[] }>().items;
    const rest = await api(officerCookie, 'GET', `/watchlists/${persons}/entries?after=${first!.id}`);
    const all = [first!, ...rest.json<{ items: { id: string; externalId: string }[] }>().items];
    expect(all.map((e) => e.externalId).sort()).toEqual(['syn-1', 'syn-2']);
    const quellmann = (await api(officerCookie, 'GET', `/watchlists/${persons}/entries`))
      .json<{ items: { externalId: string }[] }>()
      .items.find((e) => e.externalId === 'syn-1');
    expect(quellmann).toMatchObject({
      names: ['Tobias Quellmann', 'Тобиас Квелльман'],
      birthDates: ['1979-04-23'],
      nationalities: ['DEU'],
      sex: 'M',
      reason: 'wanted',
      documents: [{ number: 'C4Q7Z1X97' }],
    });
    const docs = await api(officerCookie, 'GET', `/watchlists/${documents}/entries`);
    expect(docs.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({ externalId: 'd1', number: 'X00451277', country: 'NLD', status: 'stolen', reportedOn: '2025-02-11' }),
    );
  });

  it('answers 404 for a list of another agency, for reading, entries, import and change alike', async () => {
    for (const [method, url] of [
      ['GET', `/watchlists/${persons}`],
      ['GET', `/watchlists/${persons}/entries`],
      ['PATCH', `/watchlists/${persons}`],
      ['DELETE', `/watchlists/${persons}`],
    ] as const) {
      const res = await api(otherCookie, method, url, method === 'PATCH' ? { name: 'x' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await upload(otherCookie, persons, ftm)).statusCode).toBe(404);
    const listed = await api(otherCookie, 'GET', '/watchlists');
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
    // Shared with the partner agency: readable there, not changeable.
    expect((await api(sharedCookie, 'GET', `/watchlists/${persons}`)).statusCode).toBe(200);
    expect((await api(sharedCookie, 'GET', `/watchlists/${documents}`)).statusCode).toBe(404);
  });

  it('lets analysts read but not change, and the owner rename', async () => {
    expect((await api(analystCookie, 'GET', `/watchlists/${persons}`)).statusCode).toBe(200);
    expect((await api(analystCookie, 'POST', '/watchlists', { name: 'No', kind: 'persons', visibility: 'agency' })).statusCode).toBe(403);
    expect((await api(analystCookie, 'PATCH', `/watchlists/${persons}`, { description: 'x' })).statusCode).toBe(403);
    const renamed = await api(officerCookie, 'PATCH', `/watchlists/${persons}`, { description: 'Synthetic persons for tests' });
    expect(renamed.json()).toMatchObject({ description: 'Synthetic persons for tests', name: 'Wanted (synthetic)' });
  });

  it.each([
    ['border_officer', 200, 201],
    ['notice_officer', 200, 201],
    ['admin', 200, 201],
    ['investigator', 200, 403],
    ['analyst', 200, 403],
    ['auditor', 403, 403],
  ] as const)('%s: list %i, create %i', async (role, read, create) => {
    const cookie = await signIn(t, await insertUser(t, { agency: ours, roles: [role] }));
    expect((await api(cookie, 'GET', '/watchlists')).statusCode).toBe(read);
    const created = await api(cookie, 'POST', '/watchlists', { name: `List of ${role}`, kind: 'documents', visibility: 'agency' });
    expect(created.statusCode).toBe(create);
    if (create === 201) expect((await api(cookie, 'DELETE', `/watchlists/${created.json<{ id: string }>().id}`)).statusCode).toBe(204);
  });

  describe('screening', () => {
    it('finds an imported person and a stolen document through POST /screen', async () => {
      const res = await api(officerCookie, 'POST', '/screen', {
        travellers: [
          { id: 't1', name: 'QUELLMANN<<TOBIAS', birthDate: '1979-04-23', nationality: 'DEU' },
          { id: 't2', name: 'Someone Else Entirely', documentNumber: 'X0O451277', documentCountry: 'NLD' },
          { id: 't3', name: 'Ada Nobody', birthDate: '1990-13-45' },
        ],
      });
      expect(res.statusCode).toBe(200);
      const [person, document, clear] = res.json<{ results: Record<string, unknown>[] }>().results;
      expect(person).toMatchObject({
        id: 't1',
        screened: true,
        suppressed: 0,
        hits: [
          {
            match: true,
            entry: {
              names: ['Tobias Quellmann', 'Тобиас Квелльман'],
              reason: 'wanted',
              listName: 'Wanted (synthetic)',
              birthDates: ['1979-04-23'],
              documents: [{ number: 'C4Q7Z1X97' }],
            },
          },
        ],
      });
      expect((person!['hits'] as { score: number }[])[0]!.score).toBeGreaterThan(0.9);
      expect(document).toMatchObject({
        id: 't2',
        documentHits: [{ number: 'X00451277', status: 'stolen', listName: 'Stolen documents (synthetic)' }],
      });
      expect(clear).toMatchObject({ id: 't3', hits: [], documentHits: [], problems: [{ field: 'birthDate' }] });
    });

    it('reads an MRZ and screens by MRZ alone', async () => {
      const mrz = td3('QUELLMANN<<TOBIAS', 'C4Q7Z1X97', 'DEU', '790423', 'M', '330101');
      const parsed = await api(officerCookie, 'POST', '/mrz', { text: mrz });
      expect(parsed.statusCode).toBe(200);
      expect(parsed.json()).toMatchObject({ format: 'TD3', primaryIdentifier: 'QUELLMANN', documentNumber: 'C4Q7Z1X97' });
      const bad = await api(officerCookie, 'POST', '/mrz', { text: 'P<DEUQUELLMANN<<TOBIAS' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'invalid', errors: [expect.objectContaining({ field: expect.any(String) as string })] });
      const screened = await api(officerCookie, 'POST', '/screen', { traveller: { mrz } });
      expect(screened.json<{ results: { hits: { entry: { names: string[] } }[] }[] }>().results[0]!.hits[0]!.entry.names[0]).toBe(
        'Tobias Quellmann',
      );
    });

    it('searches only the lists the caller may see', async () => {
      const traveller = { name: 'Tobias Quellmann', birthDate: '1979-04-23', documentNumber: 'X00451277' };
      const other = await api(otherCookie, 'POST', '/screen', { traveller });
      expect(other.json()).toMatchObject({ results: [{ hits: [], documentHits: [] }] });
      // The partner sees the shared persons list, not the agency-only documents list.
      const partner = await api(sharedCookie, 'POST', '/screen', { traveller });
      expect(partner.json()).toMatchObject({ results: [{ hits: [{ match: true }], documentHits: [] }] });
      // The local operator checking for an agency searches that agency's lists only.
      const forThem = await t.app.services.screening.screen(systemActor('test'), { travellers: [traveller], agencyId: theirs.id });
      expect(forThem.results[0]).toMatchObject({ hits: [], documentHits: [] });
      const forAll = await t.app.services.screening.screen(systemActor('test'), { travellers: [traveller] });
      expect(forAll.results[0]).toMatchObject({ hits: [{ match: true }], documentHits: [{ status: 'stolen' }] });
    });

    it('finds a person imported after the index was built (the index rebuilds after an import)', async () => {
      const traveller = { name: 'Ilse Brackwater', birthDate: '1985-11-02' };
      const before = await api(officerCookie, 'POST', '/screen', { traveller });
      expect(before.json()).toMatchObject({ results: [{ hits: [] }] });
      await upload(officerCookie, persons, 'id,name,birth_date,nationality,reason\nc1,Ilse Brackwater,1985-11-02,NLD,missing\n');
      // Checks arriving together right after the import all wait for the rebuilt index.
      const after = await Promise.all([1, 2, 3].map(() => api(officerCookie, 'POST', '/screen', { traveller })));
      for (const res of after) expect(res.json()).toMatchObject({ results: [{ hits: [{ match: true, entry: { reason: 'missing' } }] }] });
    });

    it('picks up a change made by another process within a second, keeping the old index meanwhile', async () => {
      let now = 1_000_000;
      const repository = new WatchlistRepository(t.app.database.db);
      const holder = new ScreeningIndexHolder(repository, () => now);
      const first = await holder.get();
      expect(holder.builds).toBe(1);
      // Another process imports: the revision moves on in the database.
      const other = await createTestAppSibling(t);
      await other.services.watchlists.import(systemActor('test'), persons, Buffer.from('id,name\nc2,Hendrik Vosselaar\n'));
      now += 500;
      expect(await holder.get()).toBe(first);
      now += 600;
      expect(await holder.get()).toBe(first);
      const rebuilt = await waitFor(async () => {
        const current = await holder.get();
        return current !== first ? current : undefined;
      });
      expect(rebuilt.index.screen({ name: 'Hendrik Vosselaar' }).hits[0]?.match).toBe(true);
      expect(holder.builds).toBe(2);
    });

    it('refuses more than 1,000 travellers, and callers without a screening role', async () => {
      const many = Array.from({ length: 1001 }, (_, i) => ({ name: `Person ${i}` }));
      expect((await api(officerCookie, 'POST', '/screen', { travellers: many })).statusCode).toBe(400);
      expect((await api(officerCookie, 'POST', '/screen', {})).statusCode).toBe(400);
      const auditor = await signIn(t, await insertUser(t, { agency: ours, roles: ['auditor'] }));
      expect((await api(auditor, 'POST', '/screen', { traveller: { name: 'X Y' } })).statusCode).toBe(403);
    });
  });

  it('audits imports, reads of entries and every screening call', async () => {
    const system = systemActor('test');
    const imports = await t.app.services.audit.search(system, { action: 'watchlist.import', recordId: persons });
    expect(imports.map((e) => e.outcome)).toEqual(expect.arrayContaining(['failure', 'success']));
    const reads = await t.app.services.audit.search(system, { action: 'watchlist.entries' });
    expect(reads.length).toBeGreaterThanOrEqual(3);
    const checks = await t.app.services.audit.search(system, { action: 'screening.check' });
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(checks.at(-1)).toMatchObject({ actorId: officer.user.id, details: { count: 3, matches: 1, documentHits: 1 } });
  });

  it('deletes a list with its entries, and screening forgets them', async () => {
    expect((await api(officerCookie, 'DELETE', `/watchlists/${documents}`)).statusCode).toBe(204);
    expect((await api(officerCookie, 'GET', `/watchlists/${documents}`)).statusCode).toBe(404);
    const res = await api(officerCookie, 'POST', '/screen', { traveller: { documentNumber: 'X00451277' } });
    expect(res.json()).toMatchObject({ results: [{ documentHits: [] }] });
  });
});

/** A TD3 passport MRZ with correct check digits. */
function td3(name: string, number: string, nationality: string, birth: string, sex: string, expiry: string): string {
  const line1 = `P<${nationality}${name}`.padEnd(44, '<');
  const doc = number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const body = `${doc}${checkDigit(doc)}${nationality}${birth}${checkDigit(birth)}${sex}${expiry}${checkDigit(expiry)}${personal}${checkDigit(personal)}`;
  const composite = checkDigit(
    `${doc}${checkDigit(doc)}${birth}${checkDigit(birth)}${expiry}${checkDigit(expiry)}${personal}${checkDigit(personal)}`,
  );
  return `${line1}\n${body}${composite}`;
}

/** A second app on the same database: another process, as far as the index is concerned. */
async function createTestAppSibling(t: TestApp) {
  const { createApp } = await import('../../app.js');
  return createApp(t.app.config, { database: t.app.database, secrets: t.secrets, migrate: false });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

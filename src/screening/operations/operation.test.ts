/**
 * Border operations through the API and the service on a real database: who sees and checks
 * within an operation, recorded checks and hits, adjudication memory, review outcomes counted in
 * the statistics, and the guarded CSV export.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../../test/factories.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Agency } from '../../platform/agencies/agency.repository.js';
import type { PersonExplanation } from '../person-match.js';
import type { ScreeningAnswer } from '../watchlist-index.js';
import type { BorderOperation, CheckView, HitView } from './operation.repository.js';

const explanation: PersonExplanation = { name: { score: 0.93, detail: 'all name tokens paired', pairs: [] } };

function answer(
  traveller: ScreeningAnswer['traveller'],
  hits: { entryId: string; listId: string; score: number; match?: boolean }[] = [],
  documentHits: ScreeningAnswer['documentHits'] = [],
): ScreeningAnswer {
  return {
    traveller,
    hits: hits.map((h) => ({ ...h, match: h.match ?? true, explanation })),
    documentHits,
    problems: [],
    screened: traveller.name !== undefined || traveller.documentNumber !== undefined,
  };
}

describe('border operations', () => {
  let t: TestApp;
  let esp: Agency;
  let nld: Agency;
  let ken: Agency;
  let coordinator: TestUser;
  let participant: TestUser;
  let outsider: TestUser;
  let analyst: TestUser;
  const cookies = new Map<string, string>();
  let operation: BorderOperation;
  const listId = randomUUID();
  const wantedEntry = randomUUID();
  const missingEntry = randomUUID();
  const stolenDocument = randomUUID();

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: { cookie: cookies.get(who)! }, ...(payload !== undefined && { payload }) });

  beforeAll(async () => {
    t = await createTestApp();
    esp = await insertAgency(t, { name: 'Spanish Border Police', country: 'ESP', kind: 'border_agency' });
    nld = await insertAgency(t, { name: 'Royal Marechaussee', country: 'NLD', kind: 'border_agency' });
    ken = await insertAgency(t, { name: 'Kenya Police', country: 'KEN' });
    coordinator = await insertUser(t, { agency: esp, roles: ['border_officer'] });
    participant = await insertUser(t, { agency: nld, roles: ['border_officer'] });
    outsider = await insertUser(t, { agency: ken, roles: ['border_officer'] });
    analyst = await insertUser(t, { agency: nld, roles: ['analyst'] });
    const auditor = await insertUser(t, { agency: nld, roles: ['auditor'] });
    for (const [name, user] of Object.entries({ coordinator, participant, outsider, analyst, auditor }))
      cookies.set(name, await signIn(t, user));
  });
  afterAll(() => t.close());

  it('creates an operation with checkpoints and participating agencies', async () => {
    const res = await call('coordinator', 'POST', '/border-operations', {
      name: 'Operation Liberterra',
      description: 'Joint action against people smuggling',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      status: 'active',
      visibility: 'shared',
      sharedWith: [nld.id],
      checkpoints: [
        { name: 'Madrid-Barajas T4', borderType: 'air', place: 'Madrid', country: 'ESP' },
        { name: 'Port of Algeciras', borderType: 'sea', place: 'Algeciras', country: 'ES' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    operation = res.json<BorderOperation>();
    expect(operation).toMatchObject({
      name: 'Operation Liberterra',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      status: 'active',
      ownerAgencyId: esp.id,
      sharedWith: [nld.id],
      participants: [{ id: nld.id, name: 'Royal Marechaussee', country: 'NLD' }],
    });
    expect(operation.checkpoints.map((c) => [c.name, c.borderType, c.country])).toEqual([
      ['Madrid-Barajas T4', 'air', 'ESP'],
      ['Port of Algeciras', 'sea', 'ESP'],
    ]);
    const added = await call('coordinator', 'POST', `/border-operations/${operation.id}/checkpoints`, {
      name: 'Schiphol',
      borderType: 'air',
      place: 'Amsterdam',
      country: 'NLD',
    });
    expect(added.statusCode).toBe(201);
    const land = await call('coordinator', 'POST', `/border-operations/${operation.id}/checkpoints`, {
      name: 'La Jonquera',
      borderType: 'land',
      country: 'ESP',
    });
    expect(land.statusCode).toBe(201);
    operation = (await call('coordinator', 'GET', `/border-operations/${operation.id}`)).json<BorderOperation>();
    expect(operation.checkpoints).toHaveLength(4);
  });

  it('rejects bad input naming the field', async () => {
    const res = await call('coordinator', 'POST', '/border-operations', {
      name: 'Bad dates',
      startsOn: '2026-02-30',
      endsOn: '2026-01-01',
      visibility: 'shared',
      checkpoints: [{ name: 'X', borderType: 'air', country: 'ZZZ' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['startsOn', 'sharedWith', 'checkpoints/0/country']));
    const dup = await call('coordinator', 'POST', `/border-operations/${operation.id}/checkpoints`, {
      name: 'schiphol',
      borderType: 'air',
      country: 'NLD',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('shows the operation to participants and hides it from other agencies (404)', async () => {
    expect((await call('participant', 'GET', `/border-operations/${operation.id}`)).statusCode).toBe(200);
    expect((await call('analyst', 'GET', `/border-operations/${operation.id}`)).statusCode).toBe(200);
    const hidden = await call('outsider', 'GET', `/border-operations/${operation.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect(hidden.json()).toMatchObject({ code: 'not_found', detail: 'Border operation not found' });
    const list = await call('outsider', 'GET', '/border-operations');
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    for (const path of ['checks', 'hits', 'statistics', 'statistics.csv'])
      expect((await call('outsider', 'GET', `/border-operations/${operation.id}/${path}`)).statusCode).toBe(404);
  });

  it('enforces roles: participants may not change the operation, analysts may not check, auditors may not read', async () => {
    expect((await call('participant', 'PATCH', `/border-operations/${operation.id}`, { description: 'x' })).statusCode).toBe(403);
    expect((await call('analyst', 'POST', '/border-operations', { name: 'Mine', visibility: 'agency' })).statusCode).toBe(403);
    expect((await call('auditor', 'GET', `/border-operations/${operation.id}`)).statusCode).toBe(403);
    await expect(
      t.app.services.borderOperations.recordChecks(analyst.actor, { operationId: operation.id }, [answer({ name: 'A B', fromMrz: false })]),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      t.app.services.borderOperations.recordChecks(outsider.actor, { operationId: operation.id }, [
        answer({ name: 'A B', fromMrz: false }),
      ]),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records checks of a participant with their hits, and shows each agency its own checks', async () => {
    const schiphol = operation.checkpoints.find((c) => c.name === 'Schiphol')!;
    const details = new Map([
      [
        wantedEntry,
        { names: ['Viktor Petrenko'], birthDates: ['1980-04-02'], nationalities: ['UKR'], reason: 'wanted', listName: 'Wanted' },
      ],
      [stolenDocument, { listName: 'Stolen documents' }],
    ]);
    const recorded = await t.app.services.borderOperations.recordChecks(
      participant.actor,
      { operationId: operation.id, checkpointId: schiphol.id },
      [
        answer({ name: 'Anna Eriksson', birthDate: '1990-01-01', fromMrz: false }),
        answer({ name: 'Viktor Petrenko', birthDate: '1980-04-02', documentNumber: 'AB123', fromMrz: true }, [
          { entryId: wantedEntry, listId, score: 0.93 },
          { entryId: randomUUID(), listId, score: 0.55, match: false },
        ]),
        answer(
          { name: 'Mario Rossi', documentNumber: 'X1234567', documentCountry: 'ITA', fromMrz: false },
          [],
          [{ documentId: stolenDocument, listId, number: 'X1234567', country: 'ITA', documentType: 'passport', status: 'stolen' }],
        ),
        answer({ fromMrz: false }),
      ],
      details,
    );
    expect(recorded).toHaveLength(4);
    expect(recorded[1]!.hitIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(recorded[1]!.hitIds[1]).toBeUndefined();
    expect(recorded[2]!.documentHitIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(recorded.map((r) => r.suppressed)).toEqual([0, 0, 0, 0]);
    await t.app.services.borderOperations.recordChecks(coordinator.actor, { operationId: operation.id }, [
      answer({ name: 'Jose Garcia', fromMrz: false }),
    ]);

    const ours = await call('participant', 'GET', `/border-operations/${operation.id}/checks`);
    expect(ours.statusCode).toBe(200);
    const checks = ours.json<{ items: CheckView[] }>().items;
    expect(checks.map((c) => c.outcome)).toEqual(['clear', 'hit', 'hit', 'error']);
    expect(checks[1]).toMatchObject({
      agencyName: 'Royal Marechaussee',
      checkpoint: { name: 'Schiphol', borderType: 'air', country: 'NLD' },
      traveller: { name: 'Viktor Petrenko', fromMrz: true },
      hitCount: 1,
      documentHitCount: 0,
    });
    const all = await call('coordinator', 'GET', `/border-operations/${operation.id}/checks?limit=2`);
    const page = all.json<{ items: CheckView[]; next: number }>();
    expect(page.items).toHaveLength(2);
    const rest = await call('coordinator', 'GET', `/border-operations/${operation.id}/checks?after=${page.next}`);
    expect(rest.json<{ items: CheckView[] }>().items.map((c) => c.traveller.name ?? null)).toEqual(['Mario Rossi', null, 'Jose Garcia']);
    const errors = await call('coordinator', 'GET', `/border-operations/${operation.id}/checks?outcome=error`);
    expect(errors.json<{ items: CheckView[] }>().items).toHaveLength(1);

    const hits = (await call('participant', 'GET', `/border-operations/${operation.id}/hits?status=pending`)).json<{ items: HitView[] }>()
      .items;
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatchObject({
      kind: 'person',
      score: 0.93,
      traveller: { name: 'Viktor Petrenko' },
      entry: { names: ['Viktor Petrenko'], birthDates: ['1980-04-02'], nationalities: ['UKR'], reason: 'wanted', listName: 'Wanted' },
      document: null,
      status: 'pending',
      explanation: { name: { score: 0.93 } },
    });
    expect(hits[1]).toMatchObject({
      kind: 'document',
      entry: null,
      document: { number: 'X1234567', country: 'ITA', status: 'stolen', listName: 'Stolen documents' },
    });
  });

  it('refuses checks at a checkpoint of another operation', async () => {
    await expect(
      t.app.services.borderOperations.recordChecks(participant.actor, { operationId: operation.id, checkpointId: randomUUID() }, [
        answer({ name: 'A B', fromMrz: false }),
      ]),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('remembers a dismissal: the same traveller is not raised again against that entry', async () => {
    const pending = (await call('participant', 'GET', `/border-operations/${operation.id}/hits?status=pending`)).json<{
      items: HitView[];
    }>().items;
    const wanted = pending.find((h) => h.kind === 'person')!;
    const outsiderTry = await call('outsider', 'POST', `/border-operations/${operation.id}/hits/${wanted.id}/review`, {
      decision: 'dismiss',
    });
    expect(outsiderTry.statusCode).toBe(404);
    const analystTry = await call('analyst', 'POST', `/border-operations/${operation.id}/hits/${wanted.id}/review`, {
      decision: 'dismiss',
    });
    expect(analystTry.statusCode).toBe(403);
    const res = await call('participant', 'POST', `/border-operations/${operation.id}/hits/${wanted.id}/review`, {
      decision: 'dismiss',
      note: 'Different person: other father name',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HitView>()).toMatchObject({ status: 'dismissed', note: 'Different person: other father name', outcome: null });

    const again = await t.app.services.borderOperations.recordChecks(participant.actor, { operationId: operation.id }, [
      // Same name (other order and case), birth date and document: the same traveller.
      answer({ name: 'PETRENKO Viktor', birthDate: '1980-04-02', documentNumber: 'AB123', fromMrz: false }, [
        { entryId: wantedEntry, listId, score: 0.91 },
        { entryId: missingEntry, listId, score: 0.8 },
      ]),
      // Another traveller with the same name but another birth date is raised.
      answer({ name: 'Viktor Petrenko', birthDate: '1985-07-07', fromMrz: false }, [{ entryId: wantedEntry, listId, score: 0.75 }]),
    ]);
    expect(again[0]!.suppressed).toBe(1);
    expect(again[0]!.hitIds[0]).toBeUndefined();
    expect(again[0]!.hitIds[1]).toBeDefined();
    expect(again[0]!.answer.hits.map((h) => h.entryId)).toEqual([missingEntry]);
    expect(again[1]!.suppressed).toBe(0);
    expect(again[1]!.hitIds[0]).toBeDefined();

    // Another operation does not share the memory.
    const other = await t.app.services.borderOperations.create(coordinator.actor, {
      name: 'Other op',
      visibility: 'agency',
      status: 'active',
    });
    const elsewhere = await t.app.services.borderOperations.recordChecks(coordinator.actor, { operationId: other.id }, [
      answer({ name: 'Viktor Petrenko', birthDate: '1980-04-02', documentNumber: 'AB123', fromMrz: false }, [
        { entryId: wantedEntry, listId, score: 0.93 },
      ]),
    ]);
    expect(elsewhere[0]!.suppressed).toBe(0);

    const events = await t.app.services.audit.search(systemActor('test'), { recordType: 'border_operation' });
    const actions = events.map((e) => e.action);
    expect(actions).toContain('border_operation.hit.dismiss');
    expect(actions).toContain('border_operation.hits.read');
    expect(actions).toContain('border_operation.checks.read');
  });

  it('counts confirmed outcomes in the statistics, migrants by nationality', async () => {
    const pending = (await call('coordinator', 'GET', `/border-operations/${operation.id}/hits?status=pending`)).json<{
      items: HitView[];
    }>().items;
    expect(pending.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = pending;
    const missingNationality = await call('coordinator', 'POST', `/border-operations/${operation.id}/hits/${first!.id}/review`, {
      decision: 'confirm',
      outcome: 'migrant_identified',
    });
    expect(missingNationality.statusCode).toBe(400);
    expect(missingNationality.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('outcomeNationality');
    const confirmed = await call('coordinator', 'POST', `/border-operations/${operation.id}/hits/${first!.id}/review`, {
      decision: 'confirm',
      outcome: 'migrant_identified',
      outcomeNationality: 'SYR',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<HitView>()).toMatchObject({ status: 'confirmed', outcome: 'migrant_identified', outcomeNationality: 'SYR' });
    await call('coordinator', 'POST', `/border-operations/${operation.id}/hits/${second!.id}/review`, {
      decision: 'confirm',
      outcome: 'migrant_identified',
      outcomeNationality: 'af',
    });
    await call('coordinator', 'POST', `/border-operations/${operation.id}/hits/${third!.id}/review`, {
      decision: 'confirm',
      outcome: 'arrest',
    });

    const res = await call('participant', 'GET', `/border-operations/${operation.id}/statistics`);
    expect(res.statusCode).toBe(200);
    const stats = res.json<{
      checks: { total: number; suppressed: number; byBorderType: unknown[]; byCountry: unknown[]; byDay: { key: string }[] };
      hits: Record<string, unknown>;
      migrantsByNationality: unknown[];
      participatingCountries: string[];
      participatingAgencies: number;
    }>();
    expect(stats.checks.total).toBe(7);
    expect(stats.checks.suppressed).toBe(1);
    expect(stats.checks.byBorderType).toEqual([
      { key: 'air', count: 4 },
      { key: 'unknown', count: 3 },
    ]);
    expect(stats.checks.byCountry).toEqual([
      { key: 'NLD', count: 4 },
      { key: 'unknown', count: 3 },
    ]);
    expect(stats.checks.byDay).toEqual([{ key: new Date().toISOString().slice(0, 10), count: 7 }]);
    expect(stats.hits).toMatchObject({ total: 4, pending: 0, confirmed: 3, dismissed: 1 });
    expect(stats.hits['byOutcome']).toEqual([
      { key: 'migrant_identified', count: 2 },
      { key: 'arrest', count: 1 },
    ]);
    expect(stats.migrantsByNationality).toEqual([
      { key: 'AFG', count: 1 },
      { key: 'SYR', count: 1 },
    ]);
    expect(stats.participatingCountries).toEqual(['ESP', 'NLD']);
    expect(stats.participatingAgencies).toBe(2);
  });

  it('exports the statistics as CSV (formula-guarded) and JSON', async () => {
    await call('coordinator', 'PATCH', `/border-operations/${operation.id}`, { name: '=HYPERLINK("http://x.invalid","Liberterra")' });
    const csv = await call('participant', 'GET', `/border-operations/${operation.id}/statistics.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=".+-statistics\.csv"$/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('section,key,value');
    expect(lines).toContain(`operation,name,"'=HYPERLINK(""http://x.invalid"",""Liberterra"")"`);
    expect(lines).toContain('migrants_by_nationality,SYR,1');
    expect(lines).toContain('checks_by_border_type,air,4');
    expect(lines.every((line) => !/(^|,)[=+@]/.test(line))).toBe(true);
    const viaQuery = await call('participant', 'GET', `/border-operations/${operation.id}/statistics?format=csv`);
    expect(viaQuery.body).toBe(csv.body);
    const json = await call('participant', 'GET', `/border-operations/${operation.id}/statistics?format=json`);
    expect(json.headers['content-disposition']).toMatch(/\.json"$/);
    expect(JSON.parse(json.body)).toMatchObject({ checks: { total: 7 }, migrantsByNationality: [{ key: 'AFG' }, { key: 'SYR' }] });
  });

  it('keeps checkpoints with checks, and refuses checks in a closed operation', async () => {
    const schiphol = operation.checkpoints.find((c) => c.name === 'Schiphol')!;
    const jonquera = operation.checkpoints.find((c) => c.name === 'La Jonquera')!;
    expect((await call('coordinator', 'DELETE', `/border-operations/${operation.id}/checkpoints/${schiphol.id}`)).statusCode).toBe(409);
    expect((await call('participant', 'DELETE', `/border-operations/${operation.id}/checkpoints/${jonquera.id}`)).statusCode).toBe(403);
    expect((await call('coordinator', 'DELETE', `/border-operations/${operation.id}/checkpoints/${jonquera.id}`)).statusCode).toBe(204);
    const renamed = await call('coordinator', 'PATCH', `/border-operations/${operation.id}/checkpoints/${schiphol.id}`, {
      place: 'Haarlemmermeer',
    });
    expect(renamed.json()).toMatchObject({ name: 'Schiphol', place: 'Haarlemmermeer', country: 'NLD' });
    expect((await call('coordinator', 'PATCH', `/border-operations/${operation.id}`, { status: 'closed' })).statusCode).toBe(200);
    await expect(
      t.app.services.borderOperations.recordChecks(participant.actor, { operationId: operation.id }, [
        answer({ name: 'A B', fromMrz: false }),
      ]),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('publishes its routes in the OpenAPI document', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/border-operations',
        '/api/v1/border-operations/{id}/hits',
        '/api/v1/border-operations/{id}/hits/{hitId}/review',
        '/api/v1/border-operations/{id}/statistics',
      ]),
    );
  });
});

/**
 * Screening within a border operation, end to end through the API: POST /screen records the
 * checks, the review queue shows the watchlist record read from the list, and a dismissal keeps
 * the same traveller from being raised again in that operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn } from '../../../test/factories.js';
import type { HitView } from './operation.repository.js';

describe('screening within a border operation', () => {
  let t: TestApp;
  let cookie: string;
  let operationId: string;
  let checkpointId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await insertAgency(t, { name: 'Border agency', country: 'ESP', kind: 'border_agency' });
    const officer = await insertUser(t, { agency, roles: ['border_officer'] });
    cookie = await signIn(t, officer);
    const list = await t.app.services.watchlists.create(officer.actor, { name: 'Wanted (test)', kind: 'persons', visibility: 'agency' });
    const csv = 'id,name,birth_date,nationality,reason\nw1,Viktor Petrenko,1980-04-02,UKR,wanted\n';
    const imported = await t.app.services.watchlists.import(officer.actor, list.id, Buffer.from(csv), { format: 'persons-csv' });
    expect(imported.imported).toBe(1);
    const operation = await t.app.services.borderOperations.create(officer.actor, {
      name: 'Screen test',
      visibility: 'agency',
      status: 'active',
      checkpoints: [{ name: 'Port', borderType: 'sea', country: 'ESP' }],
    });
    operationId = operation.id;
    checkpointId = operation.checkpoints[0]!.id;
  });
  afterAll(() => t.close());

  const screen = (traveller: object) =>
    t.server.inject({ method: 'POST', url: '/api/v1/screen', headers: { cookie }, payload: { traveller, operationId, checkpointId } });

  it('records the check, queues the hit with the list record, and remembers a dismissal', async () => {
    const first = await screen({ name: 'Petrenko, Viktor', birthDate: '1980-04-02', nationality: 'UKR' });
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json<{ results: { checkId: string; hits: { hitId?: string; match: boolean }[]; suppressed: number }[] }>()
      .results[0]!;
    expect(result.checkId).toBeDefined();
    const hitId = result.hits.find((h) => h.match)!.hitId!;
    expect(hitId).toBeDefined();

    const queue = await t.server.inject({ method: 'GET', url: `/api/v1/border-operations/${operationId}/hits`, headers: { cookie } });
    const [hit] = queue.json<{ items: HitView[] }>().items;
    expect(hit).toMatchObject({
      id: hitId,
      checkpoint: { name: 'Port', borderType: 'sea', country: 'ESP' },
      entry: {
        names: ['Viktor Petrenko'],
        birthDates: ['1980-04-02'],
        nationalities: ['UKR'],
        reason: 'wanted',
        listName: 'Wanted (test)',
        externalId: 'w1',
      },
    });

    const dismissed = await t.server.inject({
      method: 'POST',
      url: `/api/v1/border-operations/${operationId}/hits/${hitId}/review`,
      headers: { cookie },
      payload: { decision: 'dismiss' },
    });
    expect(dismissed.statusCode).toBe(200);
    const again = await screen({ name: 'Viktor PETRENKO', birthDate: '1980-04-02', nationality: 'UKR' });
    const second = again.json<{ results: { hits: { match: boolean }[]; suppressed: number }[] }>().results[0]!;
    expect(second.suppressed).toBe(1);
    expect(second.hits.filter((h) => h.match)).toEqual([]);
    const stats = await t.app.services.borderOperations.statistics(
      { type: 'system', id: null, name: 'test', agencyId: null, agencyIsOperator: true, roles: [], ip: null, requestId: null },
      operationId,
    );
    expect(stats.checks).toMatchObject({ total: 2, suppressed: 1, byBorderType: [{ key: 'sea', count: 2 }] });
  });
});

/**
 * Screening within a border operation through `POST /screen`: checks and hits are recorded, a hit
 * dismissed for a traveller is not raised again in that operation (but is in another), and the
 * checkpoint must belong to the operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../../test/factories.js';

interface Result {
  checkId?: string;
  suppressed: number;
  hits: { hitId?: string; match: boolean; entry: { listName: string } }[];
  documentHits: { hitId?: string; status: string }[];
}

describe('screening within an operation', () => {
  let t: TestApp;
  let officer: TestUser;
  let cookie: string;
  let operationId: string;
  let otherOperationId: string;
  let checkpointId: string;

  const screen = async (body: object) => t.server.inject({ method: 'POST', url: '/api/v1/screen', headers: { cookie }, payload: body });

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await insertAgency(t, { name: 'Border guard (test)', country: 'ESP', kind: 'border_agency' });
    officer = await insertUser(t, { agency, roles: ['border_officer'] });
    cookie = await signIn(t, officer);
    const { watchlists, borderOperations } = t.app.services;
    const persons = await watchlists.create(officer.actor, { name: 'Wanted (synthetic)', kind: 'persons', visibility: 'agency' });
    await watchlists.import(officer.actor, persons.id, Buffer.from('id,name,birth_date,reason\nw1,Petronel Vasquaire,1972-05-30,wanted\n'));
    const documents = await watchlists.create(officer.actor, { name: 'Stolen (synthetic)', kind: 'documents', visibility: 'agency' });
    await watchlists.import(officer.actor, documents.id, Buffer.from('id,number,country,status\nd1,ZZ9912345,ESP,stolen\n'));
    const operation = await borderOperations.create(officer.actor, {
      name: 'Operation Testwater',
      visibility: 'agency',
      status: 'active',
      checkpoints: [{ name: 'Port (test)', borderType: 'sea', country: 'ESP' }],
    });
    operationId = operation.id;
    checkpointId = operation.checkpoints[0]!.id;
    otherOperationId = (await borderOperations.create(officer.actor, { name: 'Operation Other', visibility: 'agency', status: 'active' }))
      .id;
  });
  afterAll(() => t.close());

  const traveller = { name: 'Petronel Vasquaire', birthDate: '1972-05-30', documentNumber: 'ZZ9912345', documentCountry: 'ESP' };

  it('records the check and its hits, and answers with their ids', async () => {
    const res = await screen({ traveller, operationId, checkpointId });
    expect(res.statusCode).toBe(200);
    const [result] = res.json<{ results: Result[] }>().results;
    expect(result!.checkId).toEqual(expect.any(String));
    expect(result!.hits[0]).toMatchObject({ match: true, hitId: expect.any(String) as string, entry: { listName: 'Wanted (synthetic)' } });
    expect(result!.documentHits[0]).toMatchObject({ status: 'stolen', hitId: expect.any(String) as string });
    const hits = await t.app.services.borderOperations.listHits(officer.actor, operationId, {});
    expect(hits.items.map((h) => h.kind).sort()).toEqual(['document', 'person']);
  });

  it('does not raise a dismissed hit again for the same traveller in the same operation', async () => {
    const first = (await screen({ traveller, operationId })).json<{ results: Result[] }>().results[0]!;
    await t.app.services.borderOperations.review(officer.actor, operationId, first.hits[0]!.hitId!, { decision: 'dismiss' });
    const again = (await screen({ traveller, operationId })).json<{ results: Result[] }>().results[0]!;
    expect(again.hits).toEqual([]);
    expect(again.suppressed).toBe(1);
    expect(again.documentHits).toHaveLength(1);
    const elsewhere = (await screen({ traveller, operationId: otherOperationId })).json<{ results: Result[] }>().results[0]!;
    expect(elsewhere.hits).toHaveLength(1);
    expect(elsewhere.suppressed).toBe(0);
    const plain = (await screen({ traveller })).json<{ results: Result[] }>().results[0]!;
    expect(plain).toMatchObject({ suppressed: 0, hits: [{ match: true }] });
    expect(plain.checkId).toBeUndefined();
  });

  it('refuses a checkpoint of another operation, and a checkpoint without an operation', async () => {
    expect((await screen({ traveller, operationId: otherOperationId, checkpointId })).statusCode).toBe(400);
    expect((await screen({ traveller, checkpointId })).statusCode).toBe(400);
  });

  it('answers 404 for an operation the caller may not see', async () => {
    const stranger = await insertUser(t, { agency: await insertAgency(t, { country: 'KEN' }), roles: ['border_officer'] });
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/screen',
      headers: { cookie: await signIn(t, stranger) },
      payload: { traveller, operationId },
    });
    expect(res.statusCode).toBe(404);
  });
});

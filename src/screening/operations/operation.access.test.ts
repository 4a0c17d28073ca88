/**
 * Who may do what with border operations, role by role, for a caller in a participating agency
 * and in an outside agency: read the operation, its checks and statistics, create one, and review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn } from '../../../test/factories.js';
import { roles, type Role } from '../../platform/access/roles.js';

type Relation = 'participant' | 'outsider';
const readers: readonly Role[] = ['border_officer', 'investigator', 'analyst', 'admin', 'notice_officer'];
const changers: readonly Role[] = ['border_officer', 'admin'];

describe('border operation access by role', () => {
  let t: TestApp;
  let operationId: string;
  let hitId: string;
  const callers = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const coordinator = await insertAgency(t, { country: 'ESP' });
    const participant = await insertAgency(t, { country: 'NLD' });
    const outsider = await insertAgency(t, { country: 'KEN' });
    const owner = await insertUser(t, { agency: coordinator, roles: ['border_officer'] });
    const officer = await insertUser(t, { agency: participant, roles: ['border_officer'] });
    const operation = await t.app.services.borderOperations.create(owner.actor, {
      name: 'Access test',
      visibility: 'shared',
      sharedWith: [participant.id],
      status: 'active',
    });
    operationId = operation.id;
    const [recorded] = await t.app.services.borderOperations.recordChecks(officer.actor, { operationId }, [
      {
        traveller: { name: 'Test Traveller', fromMrz: false },
        hits: [
          {
            entryId: '00000000-0000-4000-8000-000000000001',
            listId: '00000000-0000-4000-8000-000000000002',
            score: 0.9,
            match: true,
            explanation: { name: { score: 0.9, detail: 'test', pairs: [] } },
          },
        ],
        documentHits: [],
        problems: [],
        screened: true,
      },
    ]);
    hitId = recorded!.hitIds[0]!;
    for (const role of roles) {
      callers.set(`participant ${role}`, await signIn(t, await insertUser(t, { agency: participant, roles: [role] })));
      callers.set(`outsider ${role}`, await signIn(t, await insertUser(t, { agency: outsider, roles: [role] })));
    }
  });
  afterAll(() => t.close());

  const cells = roles.flatMap((role) => (['participant', 'outsider'] as Relation[]).map((relation) => ({ role, relation })));

  it.each(cells)('$role × $relation', async ({ role, relation }) => {
    const cookie = callers.get(`${relation} ${role}`)!;
    const get = (path: string) =>
      t.server.inject({ method: 'GET', url: `/api/v1/border-operations/${operationId}${path}`, headers: { cookie } });
    const canRead = readers.includes(role);
    const readStatus = !canRead ? 403 : relation === 'participant' ? 200 : 404;
    for (const path of ['', '/checks', '/hits', '/statistics', '/statistics.csv'])
      expect((await get(path)).statusCode, path).toBe(readStatus);

    const created = await t.server.inject({
      method: 'POST',
      url: '/api/v1/border-operations',
      headers: { cookie },
      payload: { name: `Op of ${role} ${relation}`, visibility: 'agency' },
    });
    expect(created.statusCode).toBe(changers.includes(role) ? 201 : 403);

    const review = await t.server.inject({
      method: 'POST',
      url: `/api/v1/border-operations/${operationId}/hits/${hitId}/review`,
      headers: { cookie },
      payload: { decision: 'confirm', outcome: 'other', note: `by ${role}` },
    });
    const reviewStatus = !canRead ? 403 : relation === 'outsider' ? 404 : changers.includes(role) ? 200 : 403;
    expect(review.statusCode).toBe(reviewStatus);
  });
});

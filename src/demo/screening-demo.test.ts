/** The demo watchlists: seeded with the demo network and screenable at once, scripts and stolen documents included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import type { Actor } from '../platform/access/actor.js';
import { systemActor } from '../platform/access/actor.js';
import { seedDemo } from './demo.js';

describe('screening demo', () => {
  let t: TestApp;
  let border: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app, t.secrets);
    const user = await t.app.database.db
      .selectFrom('user_account')
      .select(['id', 'agency_id', 'roles'])
      .where('username', '=', 'border')
      .executeTakeFirstOrThrow();
    border = {
      type: 'user',
      id: user.id,
      name: 'border',
      agencyId: user.agency_id,
      agencyIsOperator: false,
      roles: ['border_officer'],
      ip: null,
      requestId: null,
    };
  });
  afterAll(() => t.close());

  it('seeds a persons list and a documents list visible to the network', async () => {
    const lists = await t.app.services.watchlists.list(systemActor('test'));
    expect(lists.map((l) => [l.kind, l.visibility, l.entryCount])).toEqual([
      ['documents', 'network', 5],
      ['persons', 'network', 8],
      // The demo's published red and yellow notices (see notices-demo.ts).
      ['persons', 'network', 6],
    ]);
  });

  it('finds persons written in Cyrillic and Arabic script, and a stolen passport', async () => {
    const { results } = await t.app.services.screening.screen(border, {
      travellers: [
        { name: 'LADNEEV<<BORIS', birthDate: '1984-11-02', nationality: 'RUS' },
        { name: 'Karim Zoubairani', birthDate: '1991-05-05' },
        { name: 'Maricel Dumalagan', birthDate: '2006-07-30', nationality: 'PHL' },
        { name: 'Jan Jansen', documentNumber: 'X0O45-1277', documentCountry: 'NLD' },
      ],
    });
    expect(results[0]!.hits[0]).toMatchObject({
      match: true,
      entry: { reason: 'wanted', names: ['Борис Ладнеев', 'Boris Ladneev', 'Borys Ladnieiev'] },
    });
    expect(results[1]!.hits[0]).toMatchObject({ match: true, entry: { reason: 'other' } });
    expect(results[2]!.hits[0]).toMatchObject({ match: true, entry: { reason: 'victim' } });
    expect(results[3]).toMatchObject({ hits: [], documentHits: [{ status: 'stolen', country: 'NLD' }] });
  });
});

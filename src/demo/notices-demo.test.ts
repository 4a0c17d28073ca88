/** The demo notices: published through a real review, public at once, in a campaign, feeding screening, with tips in the owner's queue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { systemActor } from '../platform/access/actor.js';
import { seedDemo } from './demo.js';

describe('notices demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app, t.secrets);
  });
  afterAll(() => t.close());

  it('publishes the demo notices with their campaign and leaves one in review', async () => {
    const view = await t.app.services.publicCatalogue.current();
    expect(view.size).toBe(10);
    const campaign = view.campaign('crimes-against-women');
    expect(campaign?.notices).toHaveLength(3);
    expect(campaign?.translations.ar?.title).toBeDefined();
    const reds = view.search({ types: ['red'], page: 1, perPage: 20 });
    expect(reds.total).toBe(4);
    expect(reds.notices.every((n) => !('documents' in n.content))).toBe(true);
    const inReview = await t.app.services.notices.list(systemActor('test'), { reviewQueue: true });
    expect(inReview).toHaveLength(1);
  });

  it('puts the demo tips in the queue of the agency that published the appeals', async () => {
    const tips = await t.app.services.tips.list(systemActor('test'));
    expect(tips).toHaveLength(2);
    const owners = new Set(tips.map((tip) => tip.ownerAgencyId));
    const phl = await t.app.database.db.selectFrom('agency').select('id').where('name', '=', 'NCB Manila (demo)').executeTakeFirstOrThrow();
    expect([...owners]).toEqual([phl.id]);
  });
});

/** The demo border operation: seeded with the demo network, with checkpoints of every border type, checks over days and reviewed hits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { systemActor } from '../../platform/access/actor.js';
import { seedDemo } from '../../demo/demo.js';
import { demoOperationName } from '../../demo/operations-demo.js';

describe('border operations demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app, t.secrets);
  });
  afterAll(() => t.close());

  it('seeds an operation with participants, checkpoints at air, land and sea borders, checks and reviewed hits', async () => {
    const operations = t.app.services.borderOperations;
    const [operation] = (await operations.list(systemActor('test'))).filter((o) => o.name === demoOperationName);
    expect(operation).toBeDefined();
    expect(operation!.participants.length).toBe(4);
    expect(new Set(operation!.checkpoints.map((c) => c.borderType))).toEqual(new Set(['air', 'land', 'sea']));
    const stats = await operations.statistics(systemActor('test'), operation!.id);
    expect(stats.checks.total).toBeGreaterThan(200);
    expect(stats.checks.byDay.length).toBe(10);
    expect(stats.checks.byCountry.map((c) => c.key).sort()).toEqual(['ESP', 'KEN', 'NLD', 'PHL']);
    expect(stats.hits.pending).toBeGreaterThan(0);
    expect(stats.hits.confirmed).toBeGreaterThan(0);
    expect(stats.hits.dismissed).toBeGreaterThan(0);
    expect(stats.migrantsByNationality.length).toBeGreaterThan(0);
    expect(stats.participatingCountries).toEqual(['ESP', 'FRA', 'KEN', 'NLD', 'PHL']);
    const { items } = await operations.listHits(systemActor('test'), operation!.id, { status: 'pending' });
    expect(items[0]!.entry ?? items[0]!.document).not.toBeNull();
  });
});

/** The flood guard: a burst passes, then requests are slowed to the rate, then refused; addresses are independent. */
import { describe, expect, it } from 'vitest';
import { FloodGuard } from './flood-guard.js';

describe('FloodGuard', () => {
  it('passes a burst, slows the next requests and refuses past the slow band', () => {
    const guard = new FloodGuard({ ratePerSecond: 10, burst: 5, slowBand: 3 });
    const verdicts = Array.from({ length: 10 }, () => guard.take('198.51.100.7', 1000));
    expect(verdicts.slice(0, 5).every((v) => v.action === 'pass')).toBe(true);
    expect(verdicts.slice(5, 8)).toEqual([
      { action: 'delay', ms: 100 },
      { action: 'delay', ms: 200 },
      { action: 'delay', ms: 300 },
    ]);
    expect(verdicts.slice(8).every((v) => v.action === 'refuse')).toBe(true);
  });

  it('does not slow another address, and refills with time', () => {
    const guard = new FloodGuard({ ratePerSecond: 10, burst: 2, slowBand: 1 });
    guard.take('a', 0);
    guard.take('a', 0);
    expect(guard.take('a', 0).action).toBe('delay');
    expect(guard.take('a', 0)).toEqual({ action: 'refuse', retryAfterSeconds: 1 });
    expect(guard.take('b', 0)).toEqual({ action: 'pass' });
    expect(guard.take('a', 1000)).toEqual({ action: 'pass' });
  });

  it('forgets idle addresses beyond its capacity', () => {
    const guard = new FloodGuard({ ratePerSecond: 1, burst: 1, maxAddresses: 100 });
    for (let i = 0; i < 250; i += 1) guard.take(`10.0.0.${i}`, i * 10_000);
    expect(guard.size).toBeLessThanOrEqual(100);
  });
});

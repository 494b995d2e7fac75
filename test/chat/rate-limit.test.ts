import { describe, expect, it } from 'vitest';
import { InflightTracker, RateLimiter } from '../../src/chat/index.js';

/** A limiter of `max` questions per `window` ms; `take(at, user)` asks at `at` ms and gives the wait. */
function limiter(max: number, window: number): (at: number, user?: string) => number {
  let now = 0;
  const limiter = new RateLimiter(max, window, () => now);
  return (at, user = 'asker') => {
    now = at;
    return limiter.take(user);
  };
}

describe('RateLimiter', () => {
  it('allows five questions per ten seconds per user, then says how long to wait', () => {
    const take = limiter(5, 10_000);
    for (let asked = 0; asked < 5; asked++) expect(take(0)).toBe(0);
    expect(take(4000)).toBe(6000);
    expect(take(4000, 'someone else')).toBe(0);
  });

  it('slides: a question leaves the window ten seconds after it was asked', () => {
    const take = limiter(2, 10_000);
    take(0);
    take(5000);
    expect(take(9999)).toBe(1);
    expect(take(10_000)).toBe(0);
    expect(take(10_000)).toBe(5000);
  });

  it('does not count refused questions against the user', () => {
    const take = limiter(1, 1000);
    take(0);
    for (let at = 100; at < 1000; at += 100) expect(take(at)).toBeGreaterThan(0);
    expect(take(1000)).toBe(0);
  });
});

describe('InflightTracker', () => {
  it('is drained at once when nothing is under way', async () => {
    expect(await new InflightTracker().drain(10)).toBe(true);
  });

  it('waits for every question under way to finish', async () => {
    const inflight = new InflightTracker();
    const first = inflight.begin();
    const second = inflight.begin();
    const drained = inflight.drain(1000);
    first();
    first();
    setTimeout(second, 20);
    expect(await drained).toBe(true);
  });

  it('gives up after the grace period and says so', async () => {
    const inflight = new InflightTracker();
    inflight.begin();
    expect(await inflight.drain(20)).toBe(false);
  });
});

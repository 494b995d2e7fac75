import { describe, expect, it } from 'vitest';
import { InflightTracker, RateLimiter } from '../../src/chat/index.js';

describe('RateLimiter', () => {
  it('allows five questions per ten seconds per user, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(5, 10_000, () => now);
    for (let asked = 0; asked < 5; asked++) expect(limiter.take('asker')).toBe(0);
    now = 4000;
    expect(limiter.take('asker')).toBe(6000);
    expect(limiter.take('someone else')).toBe(0);
  });

  it('slides: a question leaves the window ten seconds after it was asked', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 10_000, () => now);
    limiter.take('asker');
    now = 5000;
    limiter.take('asker');
    now = 9999;
    expect(limiter.take('asker')).toBe(1);
    now = 10_000;
    expect(limiter.take('asker')).toBe(0);
    expect(limiter.take('asker')).toBe(5000);
  });

  it('does not count refused questions against the user', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, () => now);
    limiter.take('asker');
    for (now = 100; now < 1000; now += 100) expect(limiter.take('asker')).toBeGreaterThan(0);
    now = 1000;
    expect(limiter.take('asker')).toBe(0);
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

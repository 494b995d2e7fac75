/**
 * A sliding-window limit per user: at most `max` questions in any `windowMs`. Memory stays
 * bounded: users with no question in the window are forgotten.
 */
export class RateLimiter {
  private readonly asked = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a question; returns 0 when allowed, else the milliseconds until the user may ask again. */
  take(user: string): number {
    const now = this.now();
    const recent = (this.asked.get(user) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.max) {
      this.asked.set(user, recent);
      return this.windowMs - (now - (recent[0] as number));
    }
    recent.push(now);
    this.asked.set(user, recent);
    if (this.asked.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number): void {
    for (const [user, times] of this.asked) {
      if (times.every((time) => now - time >= this.windowMs)) this.asked.delete(user);
    }
  }
}

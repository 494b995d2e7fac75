/** Counts questions being answered, so `stop()` can wait for them to be replied to. */
export class InflightTracker {
  #count = 0;
  #onIdle: Array<() => void> = [];

  /** Questions being answered right now. */
  get size(): number {
    return this.#count;
  }

  /** Marks one question as started; call the returned function (once or more) when it is done. */
  begin(): () => void {
    this.#count += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#count -= 1;
      if (this.#count === 0) for (const resolve of this.#onIdle.splice(0)) resolve();
    };
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#onIdle = this.#onIdle.filter((r) => r !== onIdle);
        resolve(false);
      }, timeoutMs);
      this.#onIdle.push(onIdle);
    });
  }
}

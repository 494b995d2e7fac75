import type { Logger } from './logger.js';

/** How refused requests are summarised. */
export interface RefusalLogOptions {
  /** Length of one summary window. Default 60 s. */
  windowMs?: number;
  /**
   * Most source addresses tracked one by one in a window (default 100); refusals from further
   * addresses are counted together under `other`, so a flood from many addresses stays bounded.
   */
  maxSources?: number;
}

interface SourceCount {
  count: number;
  reasons: Map<string, number>;
}

const DEFAULTS = Object.freeze({ windowMs: 60_000, maxSources: 100 });
const OTHER_SOURCES = 'other';

/**
 * Logs refused requests (bad signature, stale timestamp, body too large or too slow, …) without
 * letting a flood fill the disk: the first refusal from an address in a window is logged at
 * once, with its reason; the rest are counted, and one summary line per address closes the
 * window (`more requests refused`, with how many came after the first and why). At most `2 × (maxSources + 1)`
 * lines per window, whatever the flood. Questions are not refusals: each is still logged once.
 */
export class RefusalLog {
  private readonly windowMs: number;
  private readonly maxSources: number;
  private sources = new Map<string, SourceCount>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    options: RefusalLogOptions = {},
  ) {
    const settings = { ...DEFAULTS, ...options };
    this.windowMs = settings.windowMs;
    this.maxSources = settings.maxSources;
  }

  /** Notes one refused request from `source` (the peer address; `undefined` when unknown). */
  record(source: string | undefined, status: number, reason: string): void {
    let key = source ?? 'unknown';
    if (!this.sources.has(key) && this.sources.size >= this.maxSources) key = OTHER_SOURCES;
    const seen = this.sources.get(key);
    if (!seen) {
      this.sources.set(key, { count: 0, reasons: new Map() });
      this.logger.warn({ source: key, status, reason }, 'request refused');
      this.timer ??= setTimeout(() => this.flush(), this.windowMs).unref();
      return;
    }
    seen.count += 1;
    const label = `${status} ${reason}`;
    seen.reasons.set(label, (seen.reasons.get(label) ?? 0) + 1);
  }

  /** Ends the window now: one summary line per address with refusals not yet logged. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [source, { count, reasons }] of this.sources) {
      if (count === 0) continue;
      this.logger.warn(
        {
          source,
          count,
          reasons: Object.fromEntries(reasons),
          windowSeconds: Math.round(this.windowMs / 1000),
        },
        'more requests refused',
      );
    }
    this.sources = new Map();
  }
}

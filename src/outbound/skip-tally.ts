import type { Logger } from '../logger';

/**
 * Counts skipped feed posts and logs them at most once per interval, with the count: a flood skips thousands,
 * and one log line per post would bury everything else.
 */
export class SkipTally {
  private count = 0;
  private lastLog = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly log: Logger,
    private readonly channel: string,
    private readonly reason: string,
    private readonly intervalMs = 60_000,
  ) {}

  add(): void {
    this.count++;
    if (Date.now() - this.lastLog >= this.intervalMs) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs - (Date.now() - this.lastLog));
      this.timer.unref?.();
    }
  }

  /** Logs what was counted since the last line, if anything. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.count === 0) return;
    this.log.warn({ channel: this.channel, skipped: this.count, reason: this.reason }, 'feed behind: stale feed posts skipped');
    this.count = 0;
    this.lastLog = Date.now();
  }
}

/**
 * Runs a relay's `round` one at a time: when woken (a signal, the poll timer), now or, if a round is in progress,
 * once more right after it. So a burst of wake-ups costs one extra round, and a lost signal only waits for the poll.
 */
export class RoundLoop {
  private timer?: NodeJS.Timeout;
  private offs: Array<() => void> = [];
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly round: () => Promise<void>) {}

  /** True once `stop` was called: a long round checks it between batches. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Wakes every `pollMs` and on each subscription's callback (each returns its unsubscribe), and runs a round now. */
  start(pollMs: number, subscriptions: Array<(wake: () => void) => () => void>): void {
    this.offs = subscriptions.map((subscribe) => subscribe(() => this.wake()));
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref?.();
    this.wake();
  }

  /** Runs a round now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** No new rounds; waits for the one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const off of this.offs) off();
    await this.running;
  }
}

import type { Stop } from './channel';

/** A job a channel runs on a timer, and can be asked to run now (tests, shutdown). */
export interface Periodic {
  /** Runs a round now; while one is running, returns that one instead of starting another. */
  sweep: () => Promise<void>;
  /** Stops the timer and waits for a round in progress. */
  stop: Stop;
}

/**
 * Runs `round` every `everyMs`, one round at a time: a slow round (a database or Redis timing out) is never overlapped
 * by the next. The timer does not hold the process open. `round` handles its own errors.
 */
export function runPeriodically(round: () => Promise<void>, everyMs: number): Periodic {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return {
    sweep,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

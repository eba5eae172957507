import type { CaseEvent } from '../domain/types';
import type { Signals } from '../signals';
import type { Database } from '../storage/database';
import { listPublicEventsAfter, listPublicEventsSince } from '../storage/events-repo';
import { lastEventId } from './feed-queries';

/** Event types live pages care about: opened and closed (as the feeds), plus status changes in between. */
export const STREAM_EVENT_TYPES = new Set<string>(['opened', 'closed', 'merged', 'reopened', 'status_changed']);

const PAGE = 200;
/** How far back each read looks again for events that committed late (see listPublicEventsSince). */
const LATE_COMMIT_SECONDS = 10;

/** A stream listener: gets each new public event once, in id order. */
export type StreamListener = (event: CaseEvent) => void;

/**
 * One reader of `case_events` per process, shared by every open stream. It reads when this process
 * commits an event (the in-process signal) and on a timer, so events written by other processes
 * (a worker, another web instance) arrive too. It runs only while someone listens.
 */
export class StreamHub {
  private readonly listeners = new Set<StreamListener>();
  private cursor: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private reading: Promise<void> | undefined;
  private starting: Promise<void> | undefined;
  private again = false;
  /** Ids delivered recently, with when: a late-committing event is delivered once, not again on the next read. */
  private readonly delivered = new Map<number, number>();

  constructor(
    private readonly db: Database,
    private readonly signals: Signals,
    private readonly pollMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /**
   * Starts listening; resolves, with the function that stops, once the hub knows where it reads from, so
   * a catch-up query (`since`) made after it overlaps the live events instead of leaving a gap.
   */
  async add(listener: StreamListener): Promise<() => void> {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    await this.starting;
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Public events after `afterId`, for a client resuming with Last-Event-ID. */
  async since(afterId: number): Promise<CaseEvent[]> {
    const out: CaseEvent[] = [];
    for (;;) {
      const page = await listPublicEventsAfter(this.db, afterId, PAGE);
      out.push(...page.filter((e) => STREAM_EVENT_TYPES.has(e.type)));
      if (page.length < PAGE) return out;
      afterId = Number(page[page.length - 1].id);
    }
  }

  private start(): void {
    this.starting = (async () => {
      const id = await lastEventId(this.db);
      this.cursor ??= id;
      // Recent events already visible are history, not news: mark them so the look-back doesn't replay them.
      for (const e of await listPublicEventsSince(this.db, id, LATE_COMMIT_SECONDS, PAGE)) this.delivered.set(Number(e.id), Date.now());
    })().catch((err) => this.onError(err));
    this.unsubscribe = this.signals.onCaseEvent(() => this.read());
    this.timer = setInterval(() => this.read(), this.pollMs);
    this.timer.unref();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
    this.timer = this.unsubscribe = this.starting = undefined;
    this.cursor = undefined;
    this.delivered.clear();
  }

  // One read at a time; a wake-up during a read runs one more read after it.
  private read(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readOnce()
      .catch(this.onError)
      .finally(() => {
        this.reading = undefined;
        if (this.again && this.listeners.size) {
          this.again = false;
          this.read();
        }
      });
  }

  private async readOnce(): Promise<void> {
    await this.starting;
    if (this.cursor === undefined) this.cursor = await lastEventId(this.db);
    const now = Date.now();
    for (const [id, at] of this.delivered) if (now - at > 3 * LATE_COMMIT_SECONDS * 1000) this.delivered.delete(id);
    for (;;) {
      const page = await listPublicEventsSince(this.db, this.cursor, LATE_COMMIT_SECONDS, PAGE);
      for (const e of page) {
        const id = Number(e.id);
        this.cursor = Math.max(this.cursor, id);
        if (this.delivered.has(id)) continue;
        this.delivered.set(id, now);
        if (STREAM_EVENT_TYPES.has(e.type)) {
          for (const l of this.listeners) l(e);
        }
      }
      if (page.length < PAGE || !this.listeners.size) return;
    }
  }
}

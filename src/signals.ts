import { EventEmitter } from 'node:events';
import type { CaseEvent } from './domain/types';

/**
 * In-process wake-ups. They only shorten delays: the database stays the source of truth, and every
 * listener also polls, so a signal lost between processes costs latency, never a message.
 */
export class Signals {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(1000);
  }

  /** New outbox rows were committed. */
  outboxChanged(): void {
    this.emitter.emit('outbox');
  }

  onOutboxChanged(fn: () => void): () => void {
    this.emitter.on('outbox', fn);
    return () => this.emitter.off('outbox', fn);
  }

  /** A case event was committed. */
  caseEvent(event: CaseEvent): void {
    this.emitter.emit('case_event', event);
  }

  onCaseEvent(fn: (event: CaseEvent) => void): () => void {
    this.emitter.on('case_event', fn);
    return () => this.emitter.off('case_event', fn);
  }
}

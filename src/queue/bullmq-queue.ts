import type { AddOptions, FailedJob, JobHandler, JobQueue } from './job-queue';

/** BullMQ on Redis. (Built by the outbound publisher issue.) */
export class BullQueue implements JobQueue {
  readonly kind = 'redis' as const;
  constructor(
    readonly url: string,
    readonly prefix: string,
  ) {}
  async add(_queue: string, _name: string, _data: Record<string, unknown>, _options: AddOptions): Promise<void> {
    throw new Error('BullMQ queue not built yet');
  }
  work(_queue: string, _handler: JobHandler): void {
    throw new Error('BullMQ queue not built yet');
  }
  async failed(): Promise<FailedJob[]> {
    return [];
  }
  async ping(): Promise<boolean> {
    return false;
  }
  async close(): Promise<void> {}
}

import type { Config } from '../config';
import { BullQueue } from './bullmq-queue';
import type { JobQueue } from './job-queue';
import { MemoryQueue } from './memory-queue';

/** BullMQ on Redis when REDIS_URL is set; otherwise the in-process queue. */
export function createQueue(config: Pick<Config, 'redis'>): JobQueue {
  return config.redis.url ? new BullQueue(config.redis.url, config.redis.prefix) : new MemoryQueue();
}

import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { Config, RateLimit, RateLimitsConfig } from './config';

/** What is limited, each with its own budget (RATE_LIMIT_* settings). */
export type LimitName = keyof RateLimitsConfig;

/** The answer for one key: go ahead, or wait `retryAfterMs`. `firstRefusal` marks the first refusal of the window. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

/** A refusal: how long until the key may try again. */
export type Refusal = Extract<Verdict, { allowed: false }>;

const ALLOWED: Verdict = { allowed: true };

/** Longest a request waits on Redis for a limit's counter. */
const REDIS_WAIT_MS = 300;

/**
 * Fixed-window counters per client IP, API key, phone number or X author. With REDIS_URL they live in
 * Redis, so every web process shares them; otherwise in this process. Keys are hashed before they are
 * stored: a phone number never sits in Redis in the clear.
 */
export interface RateLimits {
  /** Counts one event for `key` and says whether it was within the limit. */
  hit(name: LimitName, key: string): Promise<Verdict>;
  /** Whether `key` is over the limit now, without counting anything (a failed-auth check before the token is looked at). */
  check(name: LimitName, key: string): Promise<Verdict>;
  close(): Promise<void>;
}

function verdict(res: RateLimiterRes | null, limit: RateLimit): Verdict {
  if (!res || res.consumedPoints <= limit.points) return ALLOWED;
  return { allowed: false, retryAfterMs: Math.max(res.msBeforeNext, 1000), firstRefusal: res.consumedPoints === limit.points + 1 };
}

export function createRateLimits(config: Pick<Config, 'redis' | 'rateLimits'>): RateLimits {
  let redis: Redis | undefined;
  let limiters: Map<LimitName, RateLimiterAbstract | RLWrapperTimeouts> | undefined;
  // Built on first use, so a process (or a test) that never limits anything opens no Redis connection.
  const limiter = (name: LimitName): RateLimiterAbstract | RLWrapperTimeouts | undefined => {
    if (!limiters) {
      limiters = new Map();
      if (config.redis.url) {
        // One try per command; a limiter waits at most REDIS_WAIT_MS for Redis, then counts in memory instead.
        const client = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
        client.on('error', () => undefined);
        // The server and the workers decide how long a process lives; this connection must not hold it open.
        client.on('connect', () => (client as unknown as { stream?: { unref?: () => void } }).stream?.unref?.());
        redis = client;
      }
      for (const [n, limit] of Object.entries(config.rateLimits) as Array<[LimitName, RateLimit | undefined]>) {
        if (!limit) continue;
        const opts = { points: limit.points, duration: limit.seconds };
        const memory = new RateLimiterMemory(opts);
        if (!redis) {
          limiters.set(n, memory);
          continue;
        }
        // The memory limiter stands in, per process, while Redis is down or slow: limits hold loosely rather than block requests.
        const shared = new RateLimiterRedis({ ...opts, storeClient: redis, keyPrefix: `${config.redis.prefix}:rl:${n}` });
        limiters.set(n, new RLWrapperTimeouts({ limiter: shared, timeoutMs: REDIS_WAIT_MS, insuranceLimiter: memory }));
      }
    }
    return limiters.get(name);
  };
  const keyOf = (key: string) => crypto.createHash('sha256').update(key).digest('base64url').slice(0, 22);

  return {
    async hit(name, key) {
      const l = limiter(name);
      if (!l) return ALLOWED;
      // consume() rejects with the counter once over the limit; the counter is what decides either way.
      const res = await l.consume(keyOf(key)).catch((err: unknown) => {
        if (err instanceof RateLimiterRes) return err;
        throw err;
      });
      return verdict(res, config.rateLimits[name]!);
    },
    async check(name, key) {
      const l = limiter(name);
      if (!l) return ALLOWED;
      const res = await l.get(keyOf(key)).catch(() => null);
      return res && res.consumedPoints > config.rateLimits[name]!.points ? verdict(res, config.rateLimits[name]!) : ALLOWED;
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** Whole seconds for a Retry-After header. */
export function retryAfterSeconds(v: Refusal): string {
  return String(Math.ceil(v.retryAfterMs / 1000));
}

/**
 * The failed-authentication budget per client IP (RATE_LIMIT_AUTH_FAILURES), shared by the staff API and
 * Open311. `guard` refuses before the credential is even looked at while the IP is over the budget;
 * `failed` counts one wrong credential and refuses instead of the usual answer once that one went over.
 * Each answers through `refuse`, in its API's error format; true from `guard` / false from `failed` means go on.
 */
export function authFailures(limits: RateLimits, refuse: (res: Response, v: Refusal) => void) {
  return {
    async guard(req: Request, res: Response): Promise<boolean> {
      const v = await limits.check('authFailures', req.ip ?? '');
      if (v.allowed) return true;
      refuse(res, v);
      return false;
    },
    async failed(req: Request, res: Response): Promise<boolean> {
      const v = await limits.hit('authFailures', req.ip ?? '');
      if (v.allowed) return false;
      refuse(res, v);
      return true;
    },
  };
}

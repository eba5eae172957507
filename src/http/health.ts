import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { AppContext } from '../context';

/** `check`'s answer, or false when it throws or has not answered within `ms`: readiness must not hang on a frozen backend. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Constant-time comparison of a bearer header against the expected token (hashed first so lengths match). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** Liveness, readiness and metrics for operators and orchestrators. */
export function healthRoutes(ctx: Pick<AppContext, 'db' | 'queue' | 'metrics' | 'config'>): Router {
  const router = Router();
  const ms = ctx.config.readyTimeoutMs;
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([within(ms, () => ctx.db.ping()), within(ms, () => ctx.queue.ping())]);
    const checks = { database: database ? 'ok' : 'down', queue: queue ? 'ok' : 'down', queue_kind: ctx.queue.kind };
    res.status(database && queue ? 200 : 503).json({ status: database && queue ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (req, res) => {
    // With METRICS_TOKEN set, only a scraper that sends it reads the figures (they name routes, queues and volumes).
    if (ctx.config.metricsToken && !bearerMatches(req.get('authorization'), ctx.config.metricsToken)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: { code: 'unauthorized', message: 'Authorization: Bearer <METRICS_TOKEN> required' } });
      return;
    }
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return router;
}

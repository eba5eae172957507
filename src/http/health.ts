import { Router } from 'express';
import type { AppContext } from '../context';

/** Liveness, readiness and metrics for operators and orchestrators. */
export function healthRoutes(ctx: Pick<AppContext, 'db' | 'queue' | 'metrics'>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([ctx.db.ping(), ctx.queue.ping()]);
    const checks = { database: database ? 'ok' : 'down', queue: queue ? 'ok' : 'down', queue_kind: ctx.queue.kind };
    res.status(database && queue ? 200 : 503).json({ status: database && queue ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return router;
}

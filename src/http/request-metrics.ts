import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics';

/** Records each request's latency under its route pattern (not the raw path: ids would explode the labels). */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.webhookLatency.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ route, status: String(res.statusCode) });
    });
    next();
  };
}

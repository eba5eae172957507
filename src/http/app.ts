import express, { type Express } from 'express';
import type { ChannelModule } from '../channels/channel';
import { type AppContext, channelContext } from '../context';
import { publicRoutes } from '../public';
import { staffConsole } from '../staff';
import { tryRoutes } from '../try';
import { connectorsApi } from './connectors-api';
import { healthRoutes } from './health';
import { lastErrorHandler } from './last-error-handler';
import { mediaApi } from './media-staff-api';
import { requestMetrics } from './request-metrics';
import { staffApi } from './staff-api';
import { staffLocationApi } from './staff-location-api';

/** The HTTP service: health, channels' webhooks, the Open311 API, the staff API and the public pages. */
export function createApp(ctx: AppContext, channels: readonly ChannelModule[]): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a trusted proxy, req.ip (the per-IP limits' key) comes from X-Forwarded-For; signatures use PUBLIC_BASE_URL, never the Host header.
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(requestMetrics(ctx.metrics));
  app.use(healthRoutes(ctx));
  app.use(staffLocationApi(ctx));
  app.use(connectorsApi(ctx));
  app.use(mediaApi(ctx));
  app.use(staffApi(ctx));
  app.use('/staff', staffConsole(ctx));
  for (const channel of channels) {
    if (channel.routes) app.use(channel.routes(channelContext(ctx)));
  }
  app.use(tryRoutes(ctx, channels));
  app.use(publicRoutes(ctx));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  app.use(lastErrorHandler(ctx.log));
  return app;
}

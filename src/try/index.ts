import { Router } from 'express';
import type { ChannelModule } from '../channels/channel';
import type { AppContext } from '../context';

/** The resident simulator at /try (simulated mode only). */
export function tryRoutes(_ctx: AppContext, _channels: readonly ChannelModule[]): Router {
  return Router();
}

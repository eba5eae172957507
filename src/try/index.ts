import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { ChannelModule } from '../channels/channel';
import type { AppContext } from '../context';
import { channelModes, SIMULATED_CHANNELS } from './availability';
import { residentApiRoutes } from './resident-api';
import { staffPanelRoutes } from './staff-panel';

/**
 * The page's files: next to this module when run from source; the compiled build (dist/src/try) has no
 * copies, so it serves them from the source tree that ships with the package.
 */
const STATIC_DIR = [path.join(__dirname, 'static'), path.join(__dirname, '..', '..', '..', 'src', 'try', 'static')].find((dir) =>
  fs.existsSync(path.join(dir, 'try.html')),
);

/**
 * The resident simulator at /try: SMS, call and tweet panes that play the providers (signed with the local
 * simulation secret, through the real webhook routes) and a staff panel. Channels with real credentials
 * are shown as live and never faked.
 */
export function tryRoutes(ctx: AppContext, channels: readonly ChannelModule[]): Router {
  const router = Router();
  // An operator can keep the simulator off a public instance (TRY_PAGE=off): /try is then simply not there.
  if (!ctx.config.tryPage) return router;
  const modes = channelModes(ctx.config, channels);
  if (!STATIC_DIR) throw new Error('try: the /try page files (src/try/static) are missing from this installation; reinstall the package');
  router.get('/try', (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(path.join(STATIC_DIR, 'try.html'));
  });
  router.use('/try/assets', express.static(STATIC_DIR, { index: false, maxAge: '5m' }));
  router.use(residentApiRoutes(ctx, modes));
  router.use(staffPanelRoutes(ctx, SIMULATED_CHANNELS.filter((c) => modes[c] !== 'live')));
  return router;
}

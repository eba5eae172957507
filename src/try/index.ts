import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { ChannelModule } from '../channels/channel';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { OperatorError } from '../errors';
import { simulationSecret } from '../simulation-secret';
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
 * Whether /try is served: off when the operator says so (TRY_PAGE=off) and, unless they turn it on, as soon
 * as any channel is live. /try is then simply not there, so an anonymous visitor never opens or closes cases on a live install.
 */
export function tryPageOn(config: Config, channels: readonly ChannelModule[]): boolean {
  return config.tryPage ?? Object.values(channelModes(config, channels)).every((m) => m !== 'live');
}

/** The secrets real vendors sign webhooks with on this install. */
function liveSecrets(config: Config): string[] {
  return [config.twilio.mode === 'live' ? config.twilio.authToken : undefined, config.twitter.mode === 'live' ? config.twitter.appSecret : undefined].filter(
    (s): s is string => Boolean(s),
  );
}

/**
 * The resident simulator at /try: SMS, call and tweet panes that play the providers (signed with the local
 * simulation secret, through the real webhook routes) and a staff panel. Channels with real credentials
 * are shown as live and never faked.
 */
export function tryRoutes(ctx: AppContext, channels: readonly ChannelModule[]): Router {
  const router = Router();
  if (!tryPageOn(ctx.config, channels)) return router;
  const modes = channelModes(ctx.config, channels);
  // /try signs simulated webhooks with the simulation secret; it must never be able to sign with a real one.
  if (liveSecrets(ctx.config).includes(simulationSecret(ctx.config.dataDir))) {
    throw new OperatorError('try: DATA_DIR/simulation-secret equals a live vendor secret; delete the file so a new one is made');
  }
  if (!STATIC_DIR) throw new Error('try: the /try page files (src/try/static) are missing from this installation; reinstall the package');
  router.get('/try', (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(path.join(STATIC_DIR, 'try.html'));
  });
  router.use('/try/assets', express.static(STATIC_DIR, { index: false, maxAge: '5m' }));
  router.use(residentApiRoutes(ctx, modes));
  router.use(staffPanelRoutes(ctx, SIMULATED_CHANNELS.filter((c) => modes[c] !== 'live')));
  return router;
}

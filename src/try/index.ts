import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { ChannelModule } from '../channels/channel';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { OperatorError } from '../errors';
import { simulationSecret } from '../simulation-secret';
import { type SimulatedChannel, simulatedChannels } from './availability';
import { renderTryPage } from './page';
import { residentApiRoutes } from './resident-api';
import { staffPanelRoutes } from './staff-panel';

/**
 * The page's files: next to this module when run from source; the compiled build (dist/src/try) has no
 * copies, so it serves them from the source tree that ships with the package.
 */
const STATIC_DIR = [path.join(__dirname, 'static'), path.join(__dirname, '..', '..', '..', 'src', 'try', 'static')].find((dir) =>
  fs.existsSync(path.join(dir, 'try.html')),
);

/** Paths under /try/api that are the page's own, so no simulator may take them as its slug. */
const RESERVED_SLUGS = new Set(['info', 'stream', 'cases']);

/** Stops the boot when two simulators would share a URL, or one would shadow the page's own API. */
function checkSlugs(channels: readonly SimulatedChannel[]): void {
  const seen = new Set<string>();
  for (const { name, simulator } of channels) {
    const slug = simulator.slug;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug) || RESERVED_SLUGS.has(slug) || seen.has(slug)) {
      throw new Error(
        `try: channel ${name}'s simulator slug "${slug}" must be unique, lower-case letters, digits or -, and not ${[...RESERVED_SLUGS].join(', ')}`,
      );
    }
    seen.add(slug);
  }
}

/**
 * Whether /try is served: off when the operator says so (TRY_PAGE=off) and, unless they turn it on, as soon
 * as any channel is live. /try is then simply not there, so an anonymous visitor never opens or closes cases on a live install.
 */
export function tryPageOn(config: Config, channels: readonly ChannelModule[]): boolean {
  return config.tryPage ?? simulatedChannels(config, channels).every((c) => c.mode !== 'live');
}

/**
 * The resident simulator at /try: one pane per registered channel that can simulate a resident (its simulator
 * plays the vendor, signed with the local simulation secret, through the real webhook routes) and a staff
 * panel. Channels with real credentials are shown as live and never faked.
 */
export function tryRoutes(ctx: AppContext, channels: readonly ChannelModule[]): Router {
  const router = Router();
  if (!tryPageOn(ctx.config, channels)) return router;
  // /try signs simulated webhooks with the simulation secret; it must never be able to sign with a real one.
  const liveSecrets = channels.flatMap((c) => c.simulator?.liveSecret?.(ctx.config) ?? []);
  if (liveSecrets.includes(simulationSecret(ctx.config.dataDir))) {
    throw new OperatorError('try: DATA_DIR/simulation-secret equals a live vendor secret; delete the file so a new one is made');
  }
  const simulated = simulatedChannels(ctx.config, channels);
  checkSlugs(simulated);
  if (!STATIC_DIR) throw new Error('try: the /try page files (src/try/static) are missing from this installation; reinstall the package');
  const page = renderTryPage(fs.readFileSync(path.join(STATIC_DIR, 'try.html'), 'utf8'), simulated);
  router.get('/try', (_req, res) => {
    res.set('cache-control', 'no-cache').type('html').send(page);
  });
  router.use('/try/assets', express.static(STATIC_DIR, { index: false, maxAge: '5m' }));
  router.use(residentApiRoutes(ctx, simulated));
  router.use(
    staffPanelRoutes(
      ctx,
      simulated.filter((c) => c.mode !== 'live').map((c) => c.name),
    ),
  );
  return router;
}

import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { ChannelModule } from '../channels/channel';
import type { AppContext } from '../context';
import { simulatedChannels, type SimulatedChannel } from './availability';
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
      throw new Error(`try: channel ${name}'s simulator slug "${slug}" must be unique, lower-case letters, digits or -, and not ${[...RESERVED_SLUGS].join(', ')}`);
    }
    seen.add(slug);
  }
}

/**
 * The resident simulator at /try: one pane per registered channel that can simulate a resident (its simulator
 * plays the vendor, signed with the local simulation secret, through the real webhook routes) and a staff
 * panel. Channels with real credentials are shown as live and never faked.
 */
export function tryRoutes(ctx: AppContext, channels: readonly ChannelModule[]): Router {
  const router = Router();
  // An operator can keep the simulator off a public instance (TRY_PAGE=off): /try is then simply not there.
  if (!ctx.config.tryPage) return router;
  const simulated = simulatedChannels(ctx.config, channels);
  checkSlugs(simulated);
  if (!STATIC_DIR) throw new Error('try: the /try page files (src/try/static) are missing from this installation; reinstall the package');
  const page = renderTryPage(fs.readFileSync(path.join(STATIC_DIR, 'try.html'), 'utf8'), simulated);
  router.get('/try', (_req, res) => {
    res.set('cache-control', 'no-cache').type('html').send(page);
  });
  router.use('/try/assets', express.static(STATIC_DIR, { index: false, maxAge: '5m' }));
  router.use(residentApiRoutes(ctx, simulated));
  router.use(staffPanelRoutes(ctx, simulated.filter((c) => c.mode !== 'live').map((c) => c.name)));
  return router;
}

import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { AppContext } from '../context';
import { atomHandler } from './atom';
import { casePageHandler } from './case-page';
import { homeHandler } from './home-page';
import { reportRoutes } from './report';
import { streamHandler } from './stream';
import { StreamHub } from './stream-hub';

// Static files sit beside the sources; the compiled build (dist/) finds them in src/ too.
const ASSETS_DIR = [path.resolve(__dirname, 'assets'), path.resolve(__dirname, '../../../src/public/assets')].find((p) =>
  fs.existsSync(path.join(p, 'site.js')),
) as string;
const LEAFLET_DIR = path.dirname(require.resolve('leaflet/dist/leaflet.js'));

/** The public site: recent cases with a map, case pages, the report form, Atom feed and live stream. No reporter details anywhere. */
export function publicRoutes(ctx: AppContext): Router {
  const router = Router();
  const hub = new StreamHub(ctx.db, ctx.signals, ctx.config.publicStreamPollMs, (err) => ctx.log.warn({ err }, 'public stream: read failed'));
  // Leaflet is served from our own origin: the page must not depend on a CDN to show its list.
  router.use('/assets/leaflet', express.static(LEAFLET_DIR, { maxAge: '7d', index: false }));
  router.use('/assets', express.static(ASSETS_DIR, { maxAge: '1h', index: false }));
  router.get('/', homeHandler(ctx));
  router.use(reportRoutes(ctx));
  router.get('/cases/:id', casePageHandler(ctx));
  router.get('/feed.atom', atomHandler(ctx));
  router.get('/feed/stream', streamHandler(ctx, hub));
  return router;
}

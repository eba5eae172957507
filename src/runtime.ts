import type { Server } from 'node:http';
import { loadClassifier } from '../classifiers';
import { CaseService } from './cases/case-service';
import type { FeedTarget } from './cases/fan-out';
import { loadCatalog } from './catalog/catalog';
import type { ChannelModule, Stop } from './channels/channel';
import { channelSql, corePort } from './channels/core-port';
import type { MediaSource } from './channels/media-source';
import type { Config } from './config';
import { type AppContext, channelContext } from './context';
import type { Classifier, Suggestion } from './domain/classifier';
import type { ChannelName } from './domain/types';
import { startConnectors } from './downstream/start-connectors';
import { syncConnectors } from './downstream/sync';
import { createGeocoder, type Geocoder } from './geo';
import { placesPort } from './geo/places';
import { startHousekeeping } from './housekeeping';
import { createApp } from './http/app';
import { loadLocales, withLocaleDetection } from './i18n';
import { confidentCategory } from './intake/category-advisor';
import { Inbound } from './intake/inbound';
import { Intake } from './intake/intake';
import { createLogger, type Logger } from './logger';
import { createMediaStore } from './media/create-store';
import { MediaService } from './media/media-service';
import { startMediaWorker } from './media/media-worker';
import type { Resolver } from './media/safe-fetch';
import { createMetrics } from './metrics';
import { startOutbound } from './outbound/start-outbound';
import { createQueue } from './queue/create-queue';
import type { JobQueue } from './queue/job-queue';
import { createRateLimits } from './rate-limits';
import { CHANNELS } from './registry';
import { Signals } from './signals';
import { localSecret, simulationSecret } from './simulation-secret';
import type { Database } from './storage/database';
import { migrate } from './storage/migrate';
import { openDatabase } from './storage/open-database';

/** Parts a caller (a test, a benchmark) may supply instead of the ones built from configuration. */
export interface ContextOverrides {
  db?: Database;
  queue?: JobQueue;
  classifier?: Classifier;
  log?: Logger;
  channels?: readonly ChannelModule[];
  geocoder?: Geocoder;
  /** DNS for fetching untrusted media URLs (tests hand in a fake one). */
  mediaResolver?: Resolver;
}

/** The channels whose vendor runs simulated (no credentials). */
function simulatedChannels(config: Config, channels: readonly ChannelModule[]): ChannelName[] {
  return channels.filter((c) => c.simulator && !c.simulator.profile(config).live).map((c) => c.name);
}

/** Builds everything a process needs from configuration. Embedded PGlite is migrated here; a server database by `migrate`. */
export async function buildContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext & { channels: readonly ChannelModule[] }> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const locales = loadLocales(config.languages);
  const catalog = loadCatalog(config.catalogPath, locales);
  const classifier = withLocaleDetection(overrides.classifier ?? loadClassifier(config.classifierModelPath), locales);
  const db = overrides.db ?? (await openDatabase(config));
  if (db.kind === 'pglite') await migrate(db);
  const queue = overrides.queue ?? createQueue(config);
  const signals = new Signals();
  const metrics = createMetrics();
  const channels = overrides.channels ?? CHANNELS;
  const geocoder =
    overrides.geocoder ?? createGeocoder(config.geo, { onRemoteError: (err) => log.warn({ err: err.message }, 'geocoder: remote lookup failed') });
  const places = placesPort(geocoder);
  const feedTargets = channels.map((c) => c.feed?.({ config })).filter((f): f is FeedTarget => Boolean(f));
  const inbound = new Inbound({
    db,
    catalog,
    classifier,
    signals,
    metrics,
    config,
    feedTargets,
    places,
    simulatedChannels: simulatedChannels(config, channels),
    locales,
  });
  const confident = (suggestions: Suggestion[]) => confidentCategory(catalog, classifier, suggestions);
  const cases = new CaseService({ db, catalog, signals, feedTargets, classifierVersion: classifier.version, confident });
  const media = new MediaService({
    db,
    store: createMediaStore(config.media),
    config: config.media,
    sources: channels.map((c) => c.mediaSource?.({ config })).filter((s): s is MediaSource => Boolean(s)),
    log,
    resolve: overrides.mediaResolver,
  });
  const port = corePort({ db, catalog, classifier, inbound, cases, places, media, publicBaseUrl: config.publicBaseUrl });
  const twilioSigningSecret = config.twilio.mode === 'live' ? config.twilio.authToken : simulationSecret(config.dataDir);
  const linkSecret = config.linkSecret ?? localSecret(config.dataDir, 'link-secret');
  const intake = new Intake(inbound);
  const sql = channelSql(db);
  const limits = createRateLimits(config);
  return {
    config,
    log,
    db,
    catalog,
    classifier,
    inbound,
    intake,
    cases,
    queue,
    signals,
    metrics,
    limits,
    twilioSigningSecret,
    linkSecret,
    port,
    sql,
    channels,
    geocoder,
    media,
    locales,
  };
}

/** Starts the worker side: the outbox relay and publishers, and each channel's background work. */
export async function startWorkers(ctx: AppContext, channels: readonly ChannelModule[]): Promise<Stop> {
  const { pollMs, sweepMs } = ctx.config.media;
  const media = startMediaWorker({ db: ctx.db, queue: ctx.queue, media: ctx.media, log: ctx.log, pollMs, sweepMs });
  const stops: Stop[] = [await startOutbound(ctx, channels), await startConnectors(ctx), media.stop, startHousekeeping(ctx).stop];
  for (const channel of channels) {
    if (channel.startWorker) stops.push(await channel.startWorker(channelContext(ctx)));
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

/** Starts the HTTP service; with no REDIS_URL the workers run in this process too (embedded mode). */
export async function startWeb(ctx: AppContext, channels: readonly ChannelModule[]): Promise<{ server: Server; stop: Stop }> {
  const app = createApp(ctx, channels);
  const stopWorkers = ctx.queue.kind === 'memory' ? await startWorkers(ctx, channels) : undefined;
  // The delivery trigger reads the connectors table; a web process alone (workers elsewhere) keeps it current too.
  if (!stopWorkers) await syncConnectors(ctx.db, ctx.config.connectors);
  const server = await new Promise<Server>((resolve) => {
    const s = ctx.config.host ? app.listen(ctx.config.port, ctx.config.host, () => resolve(s)) : app.listen(ctx.config.port, () => resolve(s));
  });
  return {
    server,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Long-lived responses (the public live stream) never end by themselves and would hold close() forever;
      // ordinary requests get a short grace period to finish first.
      const force = setTimeout(() => server.closeAllConnections?.(), 1000);
      await closed;
      clearTimeout(force);
      if (stopWorkers) await stopWorkers();
    },
  };
}

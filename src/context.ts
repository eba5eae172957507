import type { CaseService } from './cases/case-service';
import type { Catalog } from './catalog/catalog';
import type { ChannelContext } from './channels/channel';
import type { Config } from './config';
import type { Classifier } from './domain/classifier';
import type { Locales } from './domain/locale';
import type { Geocoder } from './geo';
import type { Inbound } from './intake/inbound';
import type { Intake } from './intake/intake';
import type { Logger } from './logger';
import type { MediaService } from './media/media-service';
import type { Metrics } from './metrics';
import type { JobQueue } from './queue/job-queue';
import type { RateLimits } from './rate-limits';
import type { Signals } from './signals';
import type { Database } from './storage/database';

/**
 * Everything a process has built at start-up, handed to the HTTP app and workers. Channels get the narrower
 * ChannelContext it contains (`channelContext`), never the database itself.
 */
export interface AppContext extends ChannelContext {
  config: Config;
  log: Logger;
  db: Database;
  catalog: Catalog;
  classifier: Classifier;
  inbound: Inbound;
  intake: Intake;
  cases: CaseService;
  queue: JobQueue;
  signals: Signals;
  metrics: Metrics;
  limits: RateLimits;
  /** The geocoder (staff corrections re-geocode through it); channels reach it only as `port.places`. */
  geocoder: Geocoder;
  /** Photos: ingest, store, serve, hide, delete (src/media). */
  media: MediaService;
  locales: Locales;
}

/** The part of the process a channel may use. */
export function channelContext(ctx: AppContext): ChannelContext {
  const { config, log, catalog, metrics, port, sql, queue, limits, twilioSigningSecret, linkSecret, locales } = ctx;
  return { config, log, catalog, metrics, port, sql, queue, limits, twilioSigningSecret, linkSecret, locales };
}

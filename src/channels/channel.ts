import type { Router } from 'express';
import type { FeedTarget } from '../cases/fan-out';
import type { Catalog, Service, ServiceAttribute } from '../catalog/catalog';
import type { Config, Open311Config, TwilioConfig, TwitterConfig } from '../config';
import type { Locales } from '../domain/locale';
import type { ChannelName } from '../domain/types';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { InterruptedSend, LookupResult, OutboundMessage, Publisher, SendResult } from '../outbound/publisher';
import type { TextBudget } from '../outbound/text-budget';
import type { JobHandler, JobQueue, RetryPolicy } from '../queue/job-queue';
import type { RateLimits } from '../rate-limits';
import type { MediaSource } from './media-source';
import type { ChannelPort, ChannelSql } from './port';
import type { ResidentSimulator } from './simulator';

export type {
  Catalog,
  Config,
  FeedTarget,
  InterruptedSend,
  JobHandler,
  JobQueue,
  Logger,
  LookupResult,
  Metrics,
  Open311Config,
  OutboundMessage,
  Publisher,
  RateLimits,
  RetryPolicy,
  SendResult,
  Service,
  ServiceAttribute,
  TextBudget,
  TwilioConfig,
  TwitterConfig,
};

/** Something the worker runs until told to stop (a poller, a job processor). */
export type Stop = () => Promise<void>;

/**
 * What a channel is given: configuration, the city's catalog, the port to the core, SQL for its own vendor tables,
 * and the queue for its background jobs. Nothing that reaches the core's tables.
 */
export interface ChannelContext {
  config: Config;
  log: Logger;
  catalog: Catalog;
  metrics: Metrics;
  port: ChannelPort;
  /** SQL for this channel's own tables (e.g. voice_recordings, twitter_posts). */
  sql: ChannelSql;
  queue: JobQueue;
  /** Per-IP, per-key and per-sender budgets (RATE_LIMIT_* settings), shared through Redis when REDIS_URL is set. */
  limits: RateLimits;
  /**
   * The secret Twilio webhooks are verified with: the live auth token, or in simulated mode a random
   * secret kept in DATA_DIR that `simulate` and `/try` sign with. Never empty: there is no unsigned path.
   */
  twilioSigningSecret: string;
  /**
   * Signs links and tokens the public follows without signing in (email unsubscribe links, the report form's
   * tokens): PUBLIC_LINK_SECRET, or a random secret kept in DATA_DIR. See src/channels/signed-link.ts.
   */
  linkSecret: string;
  /** The enabled languages (LANGUAGES) and every resident-facing string in them (locales/<code>.json). */
  locales: Locales;
}

/**
 * A channel implements the capabilities it has, nothing more: SMS takes webhooks and sends; Twitter polls,
 * takes webhooks and sends; voice answers webhooks with TwiML and runs transcription jobs.
 */
export interface ChannelModule {
  readonly name: ChannelName;
  /** HTTP routes (webhooks, APIs), mounted at the app's root; each router names its full paths. */
  routes?(ctx: ChannelContext): Router;
  /**
   * How this channel sends notifications. Undefined when the channel runs simulated (no credentials):
   * the outbound layer then records messages instead of sending them.
   */
  publisher?(ctx: ChannelContext): Publisher | undefined;
  /**
   * How much text one message may carry, measured the way this channel's provider counts it. Notifications
   * are fitted to it whether the channel sends for real or is simulated. Default: characterBudget() (1000 characters).
   */
  readonly textBudget?: TextBudget;
  /** Whether this channel posts a public feed of cases, and which. */
  feed?(ctx: Pick<ChannelContext, 'config'>): FeedTarget | undefined;
  /** Background work for the worker process (pollers, job processors). */
  startWorker?(ctx: ChannelContext): Promise<Stop>;
  /**
   * How the core fetches the media URLs this channel's reports carry (the provider's credentials, its media hosts).
   * Absent: they are fetched as untrusted URLs, public addresses only.
   */
  mediaSource?(ctx: Pick<ChannelContext, 'config'>): MediaSource | undefined;
  /** How `/try` and `simulate` play a resident on this channel, signing requests as the vendor does. */
  simulator?: ResidentSimulator;
}

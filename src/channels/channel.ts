import type { Router } from 'express';
import type { AppContext } from '../context';
import type { FeedTarget } from '../cases/fan-out';
import type { ChannelName } from '../domain/types';
import type { Publisher } from '../outbound/publisher';
import type { ResidentSimulator } from './simulator';

/** Something the worker runs until told to stop (a poller, a job processor). */
export type Stop = () => Promise<void>;

/**
 * A channel implements the capabilities it has, nothing more: SMS takes webhooks and sends; Twitter polls,
 * takes webhooks and sends; voice answers webhooks with TwiML and runs transcription jobs.
 */
export interface ChannelModule {
  readonly name: ChannelName;
  /** HTTP routes (webhooks, APIs), mounted at the app's root; each router names its full paths. */
  routes?(ctx: AppContext): Router;
  /**
   * How this channel sends notifications. Undefined when the channel runs simulated (no credentials):
   * the outbound layer then records messages instead of sending them.
   */
  publisher?(ctx: AppContext): Publisher | undefined;
  /** Whether this channel posts a public feed of cases, and which. */
  feed?(ctx: Pick<AppContext, 'config'>): FeedTarget | undefined;
  /** Background work for the worker process (pollers, job processors). */
  startWorker?(ctx: AppContext): Promise<Stop>;
  /** How `/try` and `simulate` play a resident on this channel, signing requests as the vendor does. */
  simulator?: ResidentSimulator;
}

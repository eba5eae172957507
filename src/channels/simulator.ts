import type { Config } from '../config';
import type { ChannelName } from '../domain/types';

/** What the service answered a simulated vendor request with. */
export interface SimulatedReply {
  status: number;
  contentType: string;
  body: string;
}

/**
 * How a simulator reaches the service. Requests go to the real webhook routes (signature checks included),
 * so the simulator signs them the way its vendor does, with the local simulation secret.
 */
export interface SimulatorLink {
  /** The simulation secret from DATA_DIR: the key the service verifies simulated vendor requests with. */
  readonly secret: string;
  /** The service's PUBLIC_BASE_URL: vendors sign the URL they were configured with, so simulators sign that too. */
  readonly publicBaseUrl: string;
  /** POSTs a raw body to a path (and query) of the service. */
  post(pathWithQuery: string, body: string, headers: Record<string, string>): Promise<SimulatedReply>;
}

/** The city's end of a channel, which residents text, call or mention. */
export interface CityEnd {
  /** As residents see it: `+16175550311`, `@City311`. */
  address: string;
  /** The vendor's id of it, when requests must carry one (an X user id). */
  id?: string;
}

/** What a simulator says about its channel on this service; published by `/try/api/info` for the page and `simulate`. */
export interface SimulatorProfile {
  /** True when the channel runs with real vendor credentials: then /try and simulate refuse to fake the vendor. */
  live: boolean;
  city: CityEnd;
}

/** How the simulator is named to people on the page, in notices and on the command line. */
export interface SimulatorWords {
  /** The pane's heading, e.g. "Text message". */
  title: string;
  /** Its link in the page's navigation, e.g. "Text". */
  nav: string;
  /** What the resident is doing, opening the command line's banner, e.g. "Texting". */
  doing: string;
  /** The vendor the simulator plays, e.g. "Twilio". */
  vendor: string;
  /** What a resident would use instead when the channel is live, e.g. "phone". */
  device: string;
  /** A sample report, shown in the empty composer. */
  example: string;
}

interface SimulatorBase {
  /** The simulator's word in URLs, element ids and on the command line: `/try/api/<slug>`, `simulate <slug>`. Unique. */
  readonly slug: string;
  readonly words: SimulatorWords;
  /** The longest message a resident may send. */
  readonly maxLength: number;
  /** Where the service's later messages to this resident arrive, when not on this channel (a caller hears back by text). */
  readonly repliesOn?: ChannelName;
  /** This channel's profile for the service's configuration. */
  profile(config: Config): SimulatorProfile;
  /** The secret the real vendor signs this channel's webhooks with, when it is live (never sent anywhere: /try checks it differs from its own). */
  liveSecret?(config: Config): string | undefined;
}

/** One message the service answered with at once. */
export interface SimulatedMessage {
  text: string;
  media: string[];
}

/** A text conversation: the resident sends a message (maybe with photos) and reads the immediate answers. */
export interface ConversationSimulator extends SimulatorBase {
  readonly style: 'conversation';
  send(link: SimulatorLink, city: CityEnd, message: { from: string; text: string; mediaUrls: string[] }): Promise<SimulatedMessage[]>;
}

/** What a call waits for after the caller heard the prompts. */
export type CallWaiting = { kind: 'gather'; dtmf: boolean; speech: boolean; numDigits?: number } | { kind: 'record' };

/** One step of a call as the caller experiences it. */
export interface CallTurn {
  /** What the caller hears, in order (other sounds described in brackets). */
  prompts: string[];
  /** The input the call waits for; undefined once the call has ended. */
  waiting?: CallWaiting;
  ended: boolean;
}

/** One phone call in progress. */
export interface SimulatedCall {
  readonly id: string;
  readonly ended: boolean;
  /** Dials in and returns what the caller hears first. */
  start(): Promise<CallTurn>;
  /** Keypad digits (0-9, * and #), other words spoken, or silence (empty). */
  answer(input: string): Promise<CallTurn>;
  hangUp(): Promise<void>;
}

/** A phone call: dial in, press keys or speak, hang up. */
export interface CallSimulator extends SimulatorBase {
  readonly style: 'call';
  dial(link: SimulatorLink, city: CityEnd, from: string): SimulatedCall;
}

/** A resident's account on a posting channel. */
export interface PostAuthor {
  id: string;
  handle: string;
}

/** What the service said it did with a post (the vendor ignores it; the simulator shows it to explain silence). */
export interface PostReceipt {
  postId: string;
  /** e.g. `created` with a caseId, `comment`, or `not a report` with a reason; absent if the service did not say. */
  /** `question`: what the channel asks before filing (the category choice on X), shown in the thread. */
  outcome?: { kind?: string; caseId?: number; reason?: string; question?: string };
}

/** A public post mentioning the city, perhaps answering one of the city's posts. */
export interface PostSimulator extends SimulatorBase {
  readonly style: 'post';
  /** The shape of a handle on this channel, and one to show as an example. */
  readonly handle: { pattern: RegExp; example: string };
  /** Posts as `author`; throws an InputError naming the field when the author cannot exist on this channel. */
  post(link: SimulatorLink, city: CityEnd, post: { author: PostAuthor; text: string; inReplyTo?: string }): Promise<PostReceipt>;
}

/**
 * A channel's "simulate a resident" capability, used by `/try` and `simulate`: the channel plays its own vendor
 * (wire format and signing) behind one of three styles the core knows how to drive.
 */
export type ResidentSimulator = ConversationSimulator | CallSimulator | PostSimulator;

import type { ProviderClient } from './provider-client';
import { checkReply, SimulatorError } from './simulator-error';
import { twilioSid, voiceCallFields } from './twilio-fields';
import { messageOf, parseTwiml, type TwimlNode } from './twiml';

/** What the call is waiting for after the caller heard the prompts. */
export type VoiceWaiting =
  | { kind: 'gather'; dtmf: boolean; speech: boolean; numDigits?: number }
  | { kind: 'record' };

/** One step of the call as the caller experiences it. */
export interface VoiceTurn {
  /** What the caller hears, in order (`<Say>` texts; other verbs described in brackets). */
  prompts: string[];
  /** The input the call waits for; undefined once the call has ended. */
  waiting?: VoiceWaiting;
  ended: boolean;
}

interface Pending {
  waiting: VoiceWaiting;
  /** The action URL, as a path (and query) under PUBLIC_BASE_URL. */
  path: string;
  finishOnKey: string;
  /** Verbs after the `<Gather>`/`<Record>`: Twilio runs them when the caller gives no input. */
  rest: TwimlNode[];
  documentPath: string;
}

/** Where Twilio posts the call's status when it ends (the number's status callback URL). */
const STATUS_PATH = '/channels/voice/status';

/** Redirect chains longer than this are a loop in the channel, reported rather than followed forever. */
const MAX_HOPS = 10;

/**
 * A phone call as Twilio runs it: posts the call's webhook, reads the TwiML, speaks the `<Say>` prompts as text,
 * follows `<Redirect>`, and posts the caller's keypad digits or words to the `<Gather>`/`<Record>` action.
 */
export class VoiceCall {
  readonly callSid = twilioSid('CA');
  private pending?: Pending;
  private over = false;

  constructor(
    private readonly client: ProviderClient,
    private readonly publicBaseUrl: string,
    readonly from: string,
    readonly to: string,
  ) {}

  get ended(): boolean {
    return this.over;
  }

  /** Dials in: the first request Twilio makes for an incoming call. */
  async start(): Promise<VoiceTurn> {
    return this.request('/channels/voice', voiceCallFields(this.callSid, this.from, this.to, 'ringing'));
  }

  /**
   * Answers the current prompt. Digits (0-9, * and #) are keypad presses; other text is what the caller says.
   * An empty answer is silence: the call goes on as Twilio's does after a timeout.
   */
  async answer(input: string): Promise<VoiceTurn> {
    const p = this.pending;
    if (!p) throw new SimulatorError('voice: the call has ended; start a new call', 409);
    const said = input.trim();
    if (!said) {
      this.pending = undefined;
      return this.run(p.rest, p.documentPath, []);
    }
    const base = voiceCallFields(this.callSid, this.from, this.to, 'in-progress');
    if (p.waiting.kind === 'record') {
      const recordingSid = twilioSid('RE');
      return this.request(p.path, {
        ...base,
        RecordingSid: recordingSid,
        RecordingUrl: `${this.publicBaseUrl}/try/recordings/${recordingSid}`,
        RecordingDuration: String(Math.max(1, Math.round(said.split(/\s+/).length / 2.5))),
        Digits: 'hangup',
        TranscriptionText: said,
        TranscriptionStatus: 'completed',
      });
    }
    const keypad = /^[0-9*#]+$/.test(said);
    if (keypad && p.waiting.dtmf) {
      const digits = said.endsWith(p.finishOnKey) && p.finishOnKey ? said.slice(0, -p.finishOnKey.length) : said;
      return this.request(p.path, { ...base, Digits: digits, FinishedOnKey: said === digits ? '' : p.finishOnKey });
    }
    if (!p.waiting.speech) throw new SimulatorError('voice: this prompt listens to the keypad only: answer with digits (0-9, * or #)', 400);
    return this.request(p.path, { ...base, SpeechResult: said, Confidence: '0.92' });
  }

  /** Hangs up mid-call: Twilio then tells the service the call is over (its status callback). */
  async hangUp(): Promise<void> {
    if (this.over) return;
    await this.finish();
  }

  /** The call is over: like Twilio, send the final call status so a caller who hung up early still gets a case. */
  private async finish(): Promise<void> {
    this.pending = undefined;
    this.over = true;
    checkReply('voice status callback', await this.client.postTwilio(STATUS_PATH, { ...voiceCallFields(this.callSid, this.from, this.to, 'completed') }));
  }

  private async request(path: string, params: Record<string, string>, prompts: string[] = [], hops = 0): Promise<VoiceTurn> {
    if (hops > MAX_HOPS) throw new SimulatorError(`voice: more than ${MAX_HOPS} redirects in a row at ${path}: the voice flow loops`, 508);
    this.pending = undefined;
    const reply = checkReply(`voice ${path}`, await this.client.postTwilio(path, params));
    return this.run(parseTwiml(reply.body).children, path, prompts, hops);
  }

  /** Runs verbs until the call waits for the caller, redirects, or ends. */
  private async run(verbs: TwimlNode[], documentPath: string, prompts: string[], hops = 0): Promise<VoiceTurn> {
    for (const [i, verb] of verbs.entries()) {
      switch (verb.name) {
        case 'Say':
          prompts.push(verb.text.trim());
          break;
        case 'Play':
          prompts.push(`[plays audio ${verb.text.trim()}]`);
          break;
        case 'Message':
        case 'Sms':
          prompts.push(`[sends a text message: ${messageOf(verb).text}]`);
          break;
        case 'Gather':
        case 'Record': {
          for (const inner of verb.children) if (inner.name === 'Say') prompts.push(inner.text.trim());
          const input = (verb.attrs.input ?? 'dtmf').split(/\s+/);
          const waiting: VoiceWaiting =
            verb.name === 'Record'
              ? { kind: 'record' }
              : { kind: 'gather', dtmf: input.includes('dtmf'), speech: input.includes('speech'), numDigits: Number(verb.attrs.numDigits) || undefined };
          this.pending = {
            waiting,
            path: this.resolve(verb.attrs.action, documentPath),
            finishOnKey: verb.attrs.finishOnKey ?? (verb.name === 'Record' ? '1234567890*#' : '#'),
            rest: verbs.slice(i + 1),
            documentPath,
          };
          return { prompts, waiting, ended: false };
        }
        case 'Redirect':
          return this.request(this.resolve(verb.text.trim(), documentPath), voiceCallFields(this.callSid, this.from, this.to, 'in-progress'), prompts, hops + 1);
        case 'Dial':
          prompts.push(`[connects the call to ${verb.text.trim() || 'another line'}]`);
          await this.finish();
          return { prompts, ended: true };
        case 'Hangup':
        case 'Reject':
          await this.finish();
          return { prompts, ended: true };
        default:
          break;
      }
    }
    // Twilio hangs up when a document runs out of verbs.
    await this.finish();
    return { prompts, ended: true };
  }

  /** An action URL (absolute or relative; none means the current document) as a path under PUBLIC_BASE_URL. */
  private resolve(action: string | undefined, documentPath: string): string {
    const url = new URL(action || documentPath, this.publicBaseUrl + documentPath).href;
    const path = url.startsWith(this.publicBaseUrl) ? url.slice(this.publicBaseUrl.length) : '';
    if (!path.startsWith('/channels/voice')) {
      throw new SimulatorError(`voice: the call points at ${url}, outside ${this.publicBaseUrl}/channels/voice; the simulator only follows the voice channel`, 502);
    }
    return path;
  }
}

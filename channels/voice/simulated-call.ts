import type { CallTurn, CallWaiting, SimulatedCall, SimulatorLink } from '../../src/channels/simulator';
import { checkReply, SimulatorError } from '../../src/channels/simulator-error';
import { postAsTwilio, SIMULATED_ACCOUNT_SID, twilioSid } from '../../vendors/twilio/simulated-request';
import { messageOf, parseTwiml, type TwimlNode } from '../../vendors/twilio/twiml-reader';

/** The form fields Twilio's Voice webhook sends with every request of one call. */
function voiceCallFields(callSid: string, from: string, to: string, callStatus: 'ringing' | 'in-progress' | 'completed'): Record<string, string> {
  return {
    CallSid: callSid,
    AccountSid: SIMULATED_ACCOUNT_SID,
    From: from,
    To: to,
    Caller: from,
    Called: to,
    CallStatus: callStatus,
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  };
}

interface Pending {
  waiting: CallWaiting;
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
export class VoiceCall implements SimulatedCall {
  readonly id = twilioSid('CA');
  private pending?: Pending;
  private over = false;

  constructor(
    private readonly link: SimulatorLink,
    readonly from: string,
    readonly to: string,
  ) {}

  get ended(): boolean {
    return this.over;
  }

  /** Dials in: the first request Twilio makes for an incoming call. */
  async start(): Promise<CallTurn> {
    return this.request('/channels/voice', voiceCallFields(this.id, this.from, this.to, 'ringing'));
  }

  /**
   * Answers the current prompt. Digits (0-9, * and #) are keypad presses; other text is what the caller says.
   * An empty answer is silence: the call goes on as Twilio's does after a timeout.
   */
  async answer(input: string): Promise<CallTurn> {
    const p = this.pending;
    if (!p) throw new SimulatorError('voice: the call has ended; start a new call', 409);
    const said = input.trim();
    if (!said) {
      this.pending = undefined;
      return this.run(p.rest, p.documentPath, []);
    }
    const base = voiceCallFields(this.id, this.from, this.to, 'in-progress');
    if (p.waiting.kind === 'record') {
      const recordingSid = twilioSid('RE');
      return this.request(p.path, {
        ...base,
        RecordingSid: recordingSid,
        RecordingUrl: `${this.link.publicBaseUrl}/try/recordings/${recordingSid}`,
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
    checkReply('voice status callback', await postAsTwilio(this.link, STATUS_PATH, { ...voiceCallFields(this.id, this.from, this.to, 'completed') }));
  }

  private async request(path: string, params: Record<string, string>, prompts: string[] = [], hops = 0): Promise<CallTurn> {
    if (hops > MAX_HOPS) throw new SimulatorError(`voice: more than ${MAX_HOPS} redirects in a row at ${path}: the voice flow loops`, 508);
    this.pending = undefined;
    const reply = checkReply(`voice ${path}`, await postAsTwilio(this.link, path, params));
    return this.run(parseTwiml(reply.body).children, path, prompts, hops);
  }

  /** Runs verbs until the call waits for the caller, redirects, or ends. */
  private async run(verbs: TwimlNode[], documentPath: string, prompts: string[], hops = 0): Promise<CallTurn> {
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
          const waiting: CallWaiting =
            verb.name === 'Record'
              ? { kind: 'record' }
              : {
                  kind: 'gather',
                  dtmf: input.includes('dtmf'),
                  speech: input.includes('speech'),
                  numDigits: Number(verb.attrs.numDigits) || undefined,
                };
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
          return this.request(
            this.resolve(verb.text.trim(), documentPath),
            voiceCallFields(this.id, this.from, this.to, 'in-progress'),
            prompts,
            hops + 1,
          );
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
    const url = new URL(action || documentPath, this.link.publicBaseUrl + documentPath).href;
    const path = url.startsWith(this.link.publicBaseUrl) ? url.slice(this.link.publicBaseUrl.length) : '';
    if (!path.startsWith('/channels/voice')) {
      throw new SimulatorError(
        `voice: the call points at ${url}, outside ${this.link.publicBaseUrl}/channels/voice; the simulator only follows the voice channel`,
        502,
      );
    }
    return path;
  }
}

import crypto from 'node:crypto';
import type { SimulatedChannel } from '../try/availability';
import type { ProviderClient } from '../try/provider-client';
import type { TryInfo } from '../try/resident-api';
import { sendSms } from '../try/sms';
import { sendTweet } from '../try/tweet';
import { VoiceCall, type VoiceTurn } from '../try/voice-call';

/** What the service later sent the resident (from the /try stream). */
export interface Delivery {
  case_id: number;
  kind: string;
  provider_id: string | null;
}

/** One resident's conversation on one channel, driven a line at a time. */
export interface ResidentSession {
  /** Where the service's messages to this resident go (phone number or X user id)... */
  address: string;
  /** ...and on which channel: a caller hears back by text message, as on a real phone. */
  notifyChannel: SimulatedChannel;
  banner: string;
  /** Anything the channel does before the first line (a call dials in). */
  begin(): Promise<void>;
  line(text: string): Promise<void>;
  delivered(d: Delivery): void;
}

const PHONE = /^\+?[0-9]{5,15}$/;

/** A fictional number (555-01xx is reserved for fiction in North America), so no real phone is ever named. */
function randomPhone(): string {
  return `+1555010${String(crypto.randomInt(10000)).padStart(4, '0')}`;
}

function phoneFrom(from: string | undefined): string {
  if (from === undefined) return randomPhone();
  if (!PHONE.test(from)) throw new Error(`--from "${from}" must be a phone number such as +16175550123`);
  return from;
}

function smsSession(client: ProviderClient, info: TryInfo, from: string, out: (line: string) => void): ResidentSession {
  return {
    address: from,
    notifyChannel: 'sms',
    banner: `Texting ${info.twilio_number} from ${from}. Type a message and press Enter; "/photo URL words" attaches a photo; /quit ends.`,
    begin: async () => undefined,
    async line(text) {
      const photo = /^\/photo\s+(\S+)\s*(.*)$/i.exec(text.trim());
      const body = photo ? photo[2] : text.trim();
      if (!body && !photo) return;
      const replies = await sendSms(client, { from, to: info.twilio_number, body, mediaUrls: photo ? [photo[1]] : [] });
      if (replies.length === 0) out('311> (no reply)');
      for (const r of replies) out(`311> ${r.text}${r.media.length ? ` [photo ${r.media.join(', ')}]` : ''}`);
    },
    delivered: () => undefined,
  };
}

function voiceSession(client: ProviderClient, info: TryInfo, from: string, out: (line: string) => void): ResidentSession {
  let call: VoiceCall | undefined;
  const show = (turn: VoiceTurn) => {
    for (const p of turn.prompts) out(`311 says> ${p}`);
    if (turn.ended) out('(call ended: press Enter to call again, /quit to leave)');
    else if (turn.waiting?.kind === 'record') out('(recording: type what you say, or press Enter to stay silent)');
    else if (turn.waiting) {
      const how = [turn.waiting.dtmf ? 'press keys (digits, * or #)' : '', turn.waiting.speech ? 'say something (type words)' : ''].filter(Boolean).join(' or ');
      out(`(listening: ${how}; Enter alone is silence)`);
    }
  };
  const dial = async () => {
    call = new VoiceCall(client, info.public_base_url, from, info.twilio_number);
    out(`(calling ${info.twilio_number} from ${from}…)`);
    show(await call.start());
  };
  return {
    address: from,
    notifyChannel: 'sms',
    banner: `Calling ${info.twilio_number} from ${from}. Digits are keypad presses, other text is what you say; /hangup ends the call, /quit leaves.`,
    begin: dial,
    async line(text) {
      if (!call || call.ended) {
        if (text.trim()) out('(no call in progress: press Enter to call again, /quit to leave)');
        else await dial();
        return;
      }
      if (/^\/hangup$/i.test(text.trim())) {
        await call.hangUp();
        out('(you hung up: press Enter to call again, /quit to leave)');
        return;
      }
      show(await call.answer(text));
    },
    delivered: () => undefined,
  };
}

/** A stable numeric X user id for a handle, so the same --from is the same resident every session. */
function userIdFor(handle: string): string {
  return `9${BigInt(`0x${crypto.createHash('sha256').update(handle.toLowerCase()).digest('hex').slice(0, 12)}`) % 10n ** 11n}`;
}

function tweetSession(client: ProviderClient, info: TryInfo, from: string | undefined, out: (line: string) => void): ResidentSession {
  const handle = (from ?? `resident_${crypto.randomInt(10000)}`).replace(/^@/, '');
  if (!/^\w{1,15}$/.test(handle)) throw new Error(`--from "${from}" must be an X handle such as @pat_resident`);
  const userId = userIdFor(handle);
  const city = { userId: info.twitter.user_id, handle: info.twitter.handle };
  let lastCityTweet: string | undefined;
  return {
    address: userId,
    notifyChannel: 'twitter',
    banner: `Tweeting as @${handle} at @${city.handle}. Type a tweet and press Enter; "/reply words" answers the city's last reply; /quit ends.`,
    begin: async () => undefined,
    async line(text) {
      const reply = /^\/reply\s+(.+)$/i.exec(text.trim());
      const body = reply ? reply[1] : text.trim();
      if (!body) return;
      if (reply && !lastCityTweet) throw new Error('the city has not replied yet: there is no thread to answer');
      const receipt = await sendTweet(client, city, { userId, screenName: handle, text: body, inReplyTo: reply ? lastCityTweet : undefined });
      const o = receipt.outcome;
      out(`(tweet ${receipt.tweetId} posted${o?.kind ? `; the service: ${o.kind}${o.caseId ? ` #${o.caseId}` : ''}${o.reason ? ` (${o.reason})` : ''}` : ''})`);
    },
    delivered(d) {
      if (d.provider_id) lastCityTweet = d.provider_id;
    },
  };
}

/** The session for a channel; `from` is a phone number (sms, voice) or an X handle (tweet). */
export function residentSession(
  channel: SimulatedChannel,
  client: ProviderClient,
  info: TryInfo,
  from: string | undefined,
  out: (line: string) => void,
): ResidentSession {
  if (channel === 'twitter') return tweetSession(client, info, from, out);
  if (channel === 'voice') return voiceSession(client, info, phoneFrom(from), out);
  return smsSession(client, info, phoneFrom(from), out);
}

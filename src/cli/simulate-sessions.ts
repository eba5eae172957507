import crypto from 'node:crypto';
import type {
  CallSimulator,
  CallTurn,
  ConversationSimulator,
  PostSimulator,
  ResidentSimulator,
  SimulatedCall,
  SimulatorLink,
} from '../channels/simulator';
import type { ChannelName } from '../domain/types';
import type { TryChannelInfo } from '../try/resident-api';

/** What the service later sent the resident (from the /try stream). */
export interface Delivery {
  case_id: number;
  kind: string;
  provider_id: string | null;
}

/** One resident's conversation on one channel, driven a line at a time. */
export interface ResidentSession {
  /** Where the service's messages to this resident go (phone number or account id)... */
  address: string;
  /** ...and on which channel: a caller hears back by text message, as on a real phone. */
  notifyChannel: ChannelName;
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

function conversationSession(
  sim: ConversationSimulator,
  link: SimulatorLink,
  info: TryChannelInfo,
  from: string,
  out: (line: string) => void,
): ResidentSession {
  return {
    address: from,
    notifyChannel: info.replies_on,
    banner: `${sim.words.doing} ${info.city.address} from ${from}. Type a message and press Enter; "/photo URL words" attaches a photo; /quit ends.`,
    begin: async () => undefined,
    async line(text) {
      const photo = /^\/photo\s+(\S+)\s*(.*)$/i.exec(text.trim());
      const body = photo ? photo[2] : text.trim();
      if (!body && !photo) return;
      const replies = await sim.send(link, info.city, { from, text: body, mediaUrls: photo ? [photo[1]] : [] });
      if (replies.length === 0) out('311> (no reply)');
      for (const r of replies) out(`311> ${r.text}${r.media.length ? ` [photo ${r.media.join(', ')}]` : ''}`);
    },
    delivered: () => undefined,
  };
}

function callSession(sim: CallSimulator, link: SimulatorLink, info: TryChannelInfo, from: string, out: (line: string) => void): ResidentSession {
  let call: SimulatedCall | undefined;
  const show = (turn: CallTurn) => {
    for (const p of turn.prompts) out(`311 says> ${p}`);
    if (turn.ended) out('(call ended: press Enter to call again, /quit to leave)');
    else if (turn.waiting?.kind === 'record') out('(recording: type what you say, or press Enter to stay silent)');
    else if (turn.waiting) {
      const how = [turn.waiting.dtmf ? 'press keys (digits, * or #)' : '', turn.waiting.speech ? 'say something (type words)' : '']
        .filter(Boolean)
        .join(' or ');
      out(`(listening: ${how}; Enter alone is silence)`);
    }
  };
  const dial = async () => {
    call = sim.dial(link, info.city, from);
    out(`(calling ${info.city.address} from ${from}…)`);
    show(await call.start());
  };
  return {
    address: from,
    notifyChannel: info.replies_on,
    banner: `${sim.words.doing} ${info.city.address} from ${from}. Digits are keypad presses, other text is what you say; /hangup ends the call, /quit leaves.`,
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

/** A stable numeric account id for a handle, so the same --from is the same resident every session. */
function userIdFor(handle: string): string {
  return `9${BigInt(`0x${crypto.createHash('sha256').update(handle.toLowerCase()).digest('hex').slice(0, 12)}`) % 10n ** 11n}`;
}

function postSession(
  sim: PostSimulator,
  link: SimulatorLink,
  info: TryChannelInfo,
  from: string | undefined,
  out: (line: string) => void,
): ResidentSession {
  const handle = (from ?? `resident_${crypto.randomInt(10000)}`).replace(/^@/, '');
  if (!sim.handle.pattern.test(handle)) throw new Error(`--from "${from}" must be a handle such as ${sim.handle.example}`);
  const author = { id: userIdFor(handle), handle };
  const noun = sim.words.title.toLowerCase();
  let lastCityPost: string | undefined;
  return {
    address: author.id,
    notifyChannel: info.replies_on,
    banner: `${sim.words.doing} as @${handle} at ${info.city.address}. Type a ${noun} and press Enter; "/reply words" answers the city's last reply; /quit ends.`,
    begin: async () => undefined,
    async line(text) {
      const reply = /^\/reply\s+(.+)$/i.exec(text.trim());
      const body = reply ? reply[1] : text.trim();
      if (!body) return;
      if (reply && !lastCityPost) throw new Error('the city has not replied yet: there is no thread to answer');
      const receipt = await sim.post(link, info.city, { author, text: body, inReplyTo: reply ? lastCityPost : undefined });
      const o = receipt.outcome;
      out(
        `(${noun} ${receipt.postId} posted${o?.kind ? `; the service: ${o.kind}${o.caseId ? ` #${o.caseId}` : ''}${o.reason ? ` (${o.reason})` : ''}` : ''})`,
      );
      // A question the channel asks before filing (X's category choice) is not posted when simulated: show it here.
      if (o?.question) out(`${info.city.address} asks: ${o.question}`);
    },
    delivered(d) {
      if (d.provider_id) lastCityPost = d.provider_id;
    },
  };
}

/** The session for a channel's simulator, by its style; `from` is a phone number (conversation, call) or a handle (post). */
export function residentSession(
  sim: ResidentSimulator,
  link: SimulatorLink,
  info: TryChannelInfo,
  from: string | undefined,
  out: (line: string) => void,
): ResidentSession {
  if (sim.style === 'post') return postSession(sim, link, info, from, out);
  if (sim.style === 'call') return callSession(sim, link, info, phoneFrom(from), out);
  return conversationSession(sim, link, info, phoneFrom(from), out);
}

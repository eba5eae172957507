import readline from 'node:readline';
import { loadConfig } from '../config';
import { CHANNELS } from '../registry';
import { simulationSecret } from '../simulation-secret';
import { simulatorLink } from '../try/link';
import { secretFingerprint, type TryInfo } from '../try/resident-api';
import { followSse } from '../try/sse-client';
import { type ResidentSession, residentSession } from './simulate-sessions';

/** `simulate`'s words for the registered channels that can play a resident, as `a|b|c`. */
export function simulateChoices(): string {
  return CHANNELS.flatMap((c) => (c.simulator ? [c.simulator.slug] : [])).join('|');
}

/** Where the simulator reads lines from, and the environment it loads configuration from. */
export interface SimulateIo {
  input: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function fetchInfo(base: string): Promise<TryInfo> {
  let res: Response;
  try {
    res = await fetch(`${base}/try/api/info`);
  } catch {
    throw new Error(`could not reach intake311 at ${base}: start it with \`npx intake311 serve\`, or point --url at it`);
  }
  if (!res.ok) throw new Error(`${base}/try/api/info answered ${res.status}: is ${base} an intake311 service?`);
  return (await res.json()) as TryInfo;
}

/**
 * `intake311 simulate <channel>`: a resident's side of a conversation with a running service, from a
 * terminal. Requests are signed like the provider's with the simulation secret in DATA_DIR; replies are
 * printed, and so are later notifications (a closure alert) for as long as the session stays open.
 */
export async function simulateCommand(
  args: string[],
  out: (line: string) => void,
  io: SimulateIo = { input: process.stdin, env: process.env },
): Promise<number> {
  const channel = CHANNELS.find((c) => c.simulator && c.simulator.slug === args[0]);
  if (!channel?.simulator) {
    out(`usage: intake311 simulate ${simulateChoices()} [--from PHONE|@handle] [--url BASE_URL]`);
    return 2;
  }
  const config = loadConfig(io.env);
  const base = (flag(args, '--url') ?? config.publicBaseUrl).replace(/\/+$/, '');
  let info: TryInfo;
  try {
    info = await fetchInfo(base);
  } catch (err) {
    out(`simulate: ${(err as Error).message}`);
    return 1;
  }
  const published = info.channels[channel.name];
  if (!published) {
    out(`simulate: the service at ${base} does not simulate ${channel.name}: is it another version of intake311?`);
    return 1;
  }
  if (published.mode !== 'simulated') {
    out(`simulate: ${published.notice}`);
    return 1;
  }
  const secret = simulationSecret(config.dataDir);
  if (secretFingerprint(secret) !== info.secret_fingerprint) {
    out(
      `simulate: the service at ${base} uses another simulation secret: run simulate with the DATA_DIR the service uses (this one is ${config.dataDir})`,
    );
    return 1;
  }
  const link = simulatorLink({ secret, publicBaseUrl: info.public_base_url, targetBaseUrl: base });
  let session: ResidentSession;
  try {
    session = residentSession(channel.simulator, link, published, flag(args, '--from'), out);
  } catch (err) {
    out(`simulate: ${(err as Error).message}`);
    return 2;
  }

  const stop = new AbortController();
  const seen = new Set<string>();
  const streamUrl = `${base}/try/api/stream?channel=${session.notifyChannel}&address=${encodeURIComponent(session.address)}`;
  const stream = followSse(
    streamUrl,
    stop.signal,
    (e) => {
      if (e.event !== 'notification' || (e.id && seen.has(e.id))) return;
      if (e.id) seen.add(e.id);
      const d = JSON.parse(e.data) as {
        case_id: number;
        kind: string;
        text: string | null;
        media_url: string | null;
        error: string | null;
        provider_id: string | null;
      };
      session.delivered(d);
      out(
        `311 [${d.kind.replace(/_/g, ' ')}, case #${d.case_id}]> ${d.text ?? `(not sent: ${d.error})`}${d.media_url ? ` [photo ${d.media_url}]` : ''}`,
      );
    },
    (message) => out(`(lost the notification stream: ${message}; retrying)`),
  );

  out(session.banner);
  const rl = readline.createInterface({ input: io.input, terminal: false });
  try {
    await session.begin().catch((err: Error) => out(`simulate: ${err.message}`));
    for await (const line of rl) {
      if (/^\/(quit|exit)$/i.test(line.trim())) break;
      try {
        await session.line(line);
      } catch (err) {
        out(`simulate: ${(err as Error).message}`);
      }
    }
  } finally {
    rl.close();
    stop.abort();
    await stream;
  }
  return 0;
}

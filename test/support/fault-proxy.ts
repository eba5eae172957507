import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real server (PostgreSQL, Redis) that a test can break the way
 * networks and servers break. `freeze` stops forwarding bytes in both directions without closing
 * anything (a hung server or a partitioned link: connections open, no answers); new connections are
 * accepted and left waiting. `unfreeze` delivers everything held back, in order. `kill` drops every
 * connection and refuses new ones (a crashed server); `revive` listens again on the same port.
 */
export interface FaultProxy {
  /** The port to connect to instead of the real server's. */
  readonly port: number;
  freeze(): void;
  unfreeze(): void;
  kill(): Promise<void>;
  revive(): Promise<void>;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream?: net.Socket;
  /** Bytes (and ends) held back while frozen, in arrival order. */
  held: Array<() => void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let frozen = false;
  const links = new Set<Link>();
  const later = (link: Link, fn: () => void) => (frozen ? link.held.push(fn) : fn());

  const join = (link: Link) => {
    const upstream = net.connect(target.port, target.host);
    link.upstream = upstream;
    const end = () => {
      link.client.destroy();
      upstream.destroy();
      links.delete(link);
    };
    link.client.on('data', (chunk) => later(link, () => upstream.write(chunk)));
    upstream.on('data', (chunk) => later(link, () => link.client.write(chunk)));
    // A link that is down does not carry the news of a close either: it arrives when the link is back.
    for (const s of [link.client, upstream]) {
      s.on('close', () => later(link, end));
      s.on('error', () => undefined);
    }
  };

  const onConnection = (client: net.Socket) => {
    const link: Link = { client, held: [] };
    links.add(link);
    client.on('error', () => undefined);
    if (frozen) {
      // Accepted but never forwarded until the link is back: the client's connect succeeds, its start-up hangs.
      client.pause();
      link.held.push(() => {
        client.resume();
        join(link);
      });
    } else join(link);
  };

  let server = net.createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(0);
  const stop = async () => {
    for (const link of links) {
      link.client.destroy();
      link.upstream?.destroy();
    }
    links.clear();
    await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  };

  return {
    port,
    freeze() {
      frozen = true;
    },
    unfreeze() {
      frozen = false;
      for (const link of [...links]) for (const fn of link.held.splice(0)) fn();
    },
    kill: stop,
    async revive() {
      server = net.createServer(onConnection);
      await listen(port);
    },
    close: async () => {
      frozen = false;
      await stop();
    },
  };
}

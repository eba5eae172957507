import type { Request } from 'express';

/**
 * The address this very server answered `req` on, so /try can call its own real routes over HTTP
 * (the full middleware chain: signature checks, auth, body limits) rather than reaching into handlers.
 */
export function loopbackBase(req: Request): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.startsWith('::ffff:') ? address.slice(7) : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}`;
}

import type { SimulatedReply } from './simulator';

/** Why a simulated request did not get a normal answer; the message says what to do. */
export class SimulatorError extends Error {
  override name = 'SimulatorError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Turns a non-2xx webhook answer into an error a person evaluating the service can act on. */
export function checkReply(what: string, reply: SimulatedReply): SimulatedReply {
  if (reply.status >= 200 && reply.status < 300) return reply;
  if (reply.status === 403) {
    throw new SimulatorError(
      `${what}: the service rejected the signature (403). Run the simulator with the same DATA_DIR as the service, and make sure that channel is in simulated mode.`,
      403,
    );
  }
  if (reply.status === 404)
    throw new SimulatorError(`${what}: the service has no such route yet (404): this channel is not available in this build.`, 404);
  throw new SimulatorError(`${what}: the service answered ${reply.status}: ${reply.body.slice(0, 200)}`, reply.status);
}

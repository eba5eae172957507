import { type Request, Router } from 'express';
import type { CallSimulator, SimulatedCall, SimulatorLink } from '../channels/simulator';
import { NotFoundError } from '../errors';
import type { SimulatedChannel } from './availability';
import { phone, text } from './input';

const CALL_IDLE_MS = 30 * 60 * 1000;
const MAX_CALLS = 500;

/**
 * `POST /try/api/<slug>` `{from}` dials in; `POST /try/api/<slug>/<call id>` `{input}` answers the prompt and
 * `{hangup: true}` hangs up. Calls live in this process, and are forgotten once ended or idle.
 */
export function callRoutes(channel: SimulatedChannel, simulator: CallSimulator, linkFor: (req: Request) => SimulatorLink): Router {
  const router = Router();
  const calls = new Map<string, { call: SimulatedCall; touched: number }>();
  const base = `/try/api/${simulator.slug}`;

  router.post(base, async (req, res) => {
    const now = Date.now();
    for (const [id, entry] of calls) if (entry.call.ended || now - entry.touched > CALL_IDLE_MS) calls.delete(id);
    if (calls.size >= MAX_CALLS) {
      return void res
        .status(429)
        .json({ error: { code: 'too_many_calls', message: 'too many simulated calls in progress; hang up some and try again' } });
    }
    const call = simulator.dial(linkFor(req), channel.profile.city, phone(req.body, 'from'));
    calls.set(call.id, { call, touched: now });
    res.json({ call_id: call.id, ...(await call.start()) });
  });

  router.post(`${base}/:callId`, async (req, res) => {
    const id = String(req.params.callId);
    const entry = calls.get(id);
    if (!entry) throw new NotFoundError(`call ${id} is not in progress: start a new call`);
    entry.touched = Date.now();
    if (req.body?.hangup === true) {
      await entry.call.hangUp();
      calls.delete(id);
      res.json({ prompts: [], ended: true });
      return;
    }
    res.json(await entry.call.answer(text(req.body, 'input', simulator.maxLength)));
  });
  return router;
}

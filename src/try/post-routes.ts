import { type Request, Router } from 'express';
import type { PostSimulator, SimulatorLink } from '../channels/simulator';
import { InputError } from '../errors';
import type { SimulatedChannel } from './availability';
import { text } from './input';

/** Bounds what a browser may send as an account id, handle or post id; the channel checks their real shape. */
const ID_MAX = 64;

/** `POST /try/api/<slug>` `{user_id, screen_name, text, in_reply_to}`: a simulated resident's public post mentioning the city. */
export function postRoutes(channel: SimulatedChannel, simulator: PostSimulator, linkFor: (req: Request) => SimulatorLink): Router {
  const router = Router();
  router.post(`/try/api/${simulator.slug}`, async (req, res) => {
    const author = { id: text(req.body, 'user_id', ID_MAX), handle: text(req.body, 'screen_name', ID_MAX).replace(/^@/, '') };
    const body = text(req.body, 'text', simulator.maxLength);
    const inReplyTo = text(req.body, 'in_reply_to', ID_MAX);
    if (!body) throw new InputError(`text is empty: type the ${simulator.words.title.toLowerCase()}`, 'text');
    const receipt = await simulator.post(linkFor(req), channel.profile.city, { author, text: body, inReplyTo: inReplyTo || undefined });
    res.json({ post_id: receipt.postId, outcome: receipt.outcome ?? null });
  });
  return router;
}

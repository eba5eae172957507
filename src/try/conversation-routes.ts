import { type Request, Router } from 'express';
import type { ConversationSimulator, SimulatorLink } from '../channels/simulator';
import { InputError } from '../errors';
import type { SimulatedChannel } from './availability';
import { phone, text } from './input';

/** `POST /try/api/<slug>` `{from, body, media_url}`: one message from a simulated resident, answered with the service's replies. */
export function conversationRoutes(channel: SimulatedChannel, simulator: ConversationSimulator, linkFor: (req: Request) => SimulatorLink): Router {
  const router = Router();
  router.post(`/try/api/${simulator.slug}`, async (req, res) => {
    const from = phone(req.body, 'from');
    const body = text(req.body, 'body', simulator.maxLength);
    const media = text(req.body, 'media_url', 2000);
    if (!body && !media) throw new InputError('body is empty: type a message (or attach a photo URL)', 'body');
    if (media && !/^https?:\/\//i.test(media)) throw new InputError(`media_url "${media}" must be an http(s) URL`, 'media_url');
    const replies = await simulator.send(linkFor(req), channel.profile.city, { from, text: body, mediaUrls: media ? [media] : [] });
    res.json({ replies });
  });
  return router;
}

import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { CaseEvent } from '../domain/types';
import { getCase } from '../storage/cases-repo';
import { pickLanguage } from './i18n';
import { toPublicCase } from './public-case';
import type { StreamHub } from './stream-hub';

/** Comment lines keep proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

function startId(req: Request): number | undefined {
  const raw = req.get('Last-Event-ID') ?? (typeof req.query.since === 'string' ? req.query.since : undefined);
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * GET /feed/stream: server-sent events of public cases opened, changed and closed. Each message is
 * `{type, case}` with the event id as its SSE id, so a reconnecting browser resumes where it left off
 * (Last-Event-ID, or `?since=` for the first connection of a page that knows what it rendered).
 */
export function streamHandler(ctx: AppContext, hub: StreamHub) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = pickLanguage(req, ctx.locales);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');

    let sent = startId(req) ?? 0;
    let closed = false;
    let chain = Promise.resolve();
    // Events are sent strictly in order; each needs its case read, so they queue on one promise chain.
    const send = (e: CaseEvent) => {
      chain = chain
        .then(async () => {
          if (closed || Number(e.id) <= sent) return;
          const c = await getCase(ctx.db, Number(e.case_id));
          sent = Number(e.id);
          if (!c?.public) return;
          const payload = { type: e.type, case: toPublicCase(c, ctx.catalog, lang, ctx.config.publicBaseUrl) };
          res.write(`id: ${e.id}\ndata: ${JSON.stringify(payload)}\n\n`);
        })
        .catch((err) => ctx.log.warn({ err }, 'public stream: could not send an event'));
    };

    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    let stop: (() => void) | undefined;
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      stop?.();
    });

    const resumeFrom = startId(req);
    const backlog: CaseEvent[] = [];
    let live = false;
    try {
      stop = await hub.add((e) => (live ? send(e) : backlog.push(e)));
      if (closed) return stop();
      if (resumeFrom !== undefined) (await hub.since(resumeFrom)).forEach(send);
      backlog.forEach(send);
      live = true;
    } catch (err) {
      // The browser reconnects after `retry` and resumes from the last id it got.
      ctx.log.warn({ err }, 'public stream: could not start');
      res.end();
    }
  };
}

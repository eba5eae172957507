import type { Request, Response } from 'express';
import type { AppContext } from '../context';

/**
 * GET /staff/live: server-sent events naming each case that changed (`{case_id, type}`, nothing else), so an
 * open queue or case page can say "new activity" and offer a reload. In-process case signals make it immediate;
 * a poll of case_events every PUBLIC_STREAM_POLL_MS catches changes other processes (a worker) committed.
 * It is a hint to reload, not a record: an event committed behind a newer id may go unmentioned.
 */
export function liveStream(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const { rows } = await ctx.db.query<{ last: number | null }>('SELECT max(id) AS last FROM case_events');
    let lastId = Number(rows[0].last ?? 0);
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 5000\n\n');
    const send = (e: { id: number; case_id: number; type: string }) => {
      if (Number(e.id) <= lastId) return;
      lastId = Number(e.id);
      res.write(`data: ${JSON.stringify({ case_id: Number(e.case_id), type: e.type })}\n\n`);
    };
    const off = ctx.signals.onCaseEvent(send);
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      ctx.db
        .query<{ id: number; case_id: number; type: string }>('SELECT id, case_id, type FROM case_events WHERE id > $1 ORDER BY id LIMIT 100', [
          lastId,
        ])
        .then((r) => r.rows.forEach(send))
        .catch((err: unknown) => ctx.log.warn({ err }, 'staff live: read failed'))
        .finally(() => {
          polling = false;
        });
    }, ctx.config.publicStreamPollMs);
    const ping = setInterval(() => res.write(': ping\n\n'), 25000);
    poll.unref();
    ping.unref();
    req.on('close', () => {
      off();
      clearInterval(poll);
      clearInterval(ping);
    });
  };
}

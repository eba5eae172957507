import type { Request, Response } from 'express';
import type { AppContext } from '../context';

/**
 * GET /staff/live: server-sent events naming each case that changed (`{case_id, type}`, nothing else), so an
 * open queue or case page can say "new activity" and offer a reload. It listens to the same in-process case
 * signals the public stream wakes on; a web process hears the changes made through it (webhooks, the console).
 */
export function liveStream(ctx: AppContext) {
  return (req: Request, res: Response): void => {
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 5000\n\n');
    const off = ctx.signals.onCaseEvent((e) => {
      res.write(`data: ${JSON.stringify({ case_id: Number(e.case_id), type: e.type })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 25000);
    ping.unref();
    req.on('close', () => {
      off();
      clearInterval(ping);
    });
  };
}

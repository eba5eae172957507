import { Router, raw } from 'express';
import { InboundRefusedError } from '../connectors-contract/connector';
import type { AppContext } from '../context';
import { applyDownstreamUpdate } from '../downstream/apply-update';
import { connectorsOf } from '../downstream/connector-set';
import { listDeliveriesForCase, listLinksForCase, resendDead } from '../downstream/delivery-store';
import { InputError, NotFoundError } from '../errors';
import { getCase } from '../storage/cases-repo';
import { jsonErrorHandler, sendError } from './api-errors';
import { requireToken } from './auth';

function caseId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new InputError(`case id "${raw}" must be a decimal number`, 'id');
  return Number(raw);
}

/**
 * Connector routes: for staff (token of scope `staff`), each case's deliveries per connector and a resend of the
 * dead ones; for downstream systems, POST /connectors/{id}/status, verified with the connector's secret before
 * anything is parsed (fail closed: 401 and nothing changes).
 */
export function connectorsApi(ctx: AppContext): Router {
  const router = Router();
  const staff = requireToken(ctx, 'staff');

  router.get('/api/v1/cases/:id/connectors', staff, async (req, res) => {
    const id = caseId(req.params.id as string);
    if (!(await getCase(ctx.db, id))) throw new NotFoundError(`case ${id} not found`);
    const [deliveries, links] = await Promise.all([listDeliveriesForCase(ctx.db, id), listLinksForCase(ctx.db, id)]);
    const ids = [...new Set([...links.map((l) => l.connector_id), ...deliveries.map((d) => d.connector_id)])].sort();
    res.json({
      connectors: ids.map((connector) => {
        const link = links.find((l) => l.connector_id === connector);
        const mine = deliveries.filter((d) => d.connector_id === connector);
        const last = mine[mine.length - 1];
        return {
          connector,
          external_id: link?.external_id ?? null,
          token: link?.external_id ? null : (link?.token ?? null),
          external_status: link?.external_status ?? null,
          state: last?.status ?? null,
          last_error: [...mine].reverse().find((d) => d.last_error)?.last_error ?? null,
          deliveries: mine.map(({ id: deliveryId, kind, status, attempts, last_error, external_id, sent_at, created_at }) => ({
            id: deliveryId,
            kind,
            status,
            attempts,
            last_error,
            external_id,
            sent_at,
            created_at,
          })),
        };
      }),
    });
  });

  router.post('/api/v1/cases/:id/connectors/:connector/resend', staff, async (req, res) => {
    const id = caseId(req.params.id as string);
    const connector = req.params.connector as string;
    if (!connectorsOf(ctx.config).has(connector)) throw new NotFoundError(`connector "${connector}" is not configured`);
    if (!(await getCase(ctx.db, id))) throw new NotFoundError(`case ${id} not found`);
    const resent = await resendDead(ctx.db, id, connector);
    if (resent.length === 0) throw new InputError(`case ${id} has no failed deliveries to connector "${connector}"; nothing to resend`, 'connector');
    ctx.signals.outboxChanged();
    res.status(202).json({ resent });
  });

  router.post('/connectors/:connector/status', raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const cc = connectorsOf(ctx.config).get(req.params.connector as string);
    if (!cc?.connector.verifyInbound) return sendError(res, 404, 'not_found', 'no connector takes status changes at this address');
    let update: ReturnType<NonNullable<typeof cc.connector.verifyInbound>>;
    try {
      update = cc.connector.verifyInbound({ body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), header: (n) => req.get(n) });
    } catch (err) {
      if (err instanceof InboundRefusedError) {
        ctx.log.warn({ connector: cc.config.id, reason: err.message }, 'connector status refused');
        return sendError(res, 401, 'unauthorized', 'signature missing, wrong or outside the replay window; nothing was changed');
      }
      throw err;
    }
    const { outcome, caseId: applied } = await applyDownstreamUpdate(ctx, cc, update);
    if (outcome === 'unknown_case') throw new NotFoundError('no case sent to this connector has that service_request_id or external_id');
    res.status(outcome === 'repeat' ? 200 : 202).json({ outcome, service_request_id: applied === undefined ? null : String(applied) });
  });

  router.use(['/connectors', '/api/v1/cases/:id/connectors'], jsonErrorHandler(ctx.log));
  return router;
}

import type { CasePatch } from '../cases/case-service';
import type { DownstreamUpdate } from '../connectors-contract/connector';
import type { AppContext } from '../context';
import { getCase } from '../storage/cases-repo';
import { insertEvent } from '../storage/events-repo';
import { inTransaction } from '../storage/unit-of-work';
import type { ConfiguredConnector } from './connector-set';

export type ApplyOutcome = 'applied' | 'repeat' | 'unknown_case' | 'unchanged';

/**
 * Puts a downstream status change onto our case, once per update id, through the case service: a downstream close
 * closes our case with its note as the closing note, so the resident gets the same closure alert as for a staff
 * close. A status the connector's status_map does not know is kept as an internal note. A connector may change only
 * a case it was sent (a link exists): a valid signature is not a licence to touch any case.
 */
export async function applyDownstreamUpdate(
  ctx: Pick<AppContext, 'db' | 'cases' | 'signals'>,
  cc: ConfiguredConnector,
  u: DownstreamUpdate,
): Promise<{ outcome: ApplyOutcome; caseId?: number }> {
  const connectorId = cc.config.id;
  const actor = `connector:${connectorId}`;
  return inTransaction(ctx.db, async (uow) => {
    const { rows: links } = await uow.tx.query<{ case_id: string }>(
      `SELECT case_id FROM connector_links WHERE connector_id = $1 AND (case_id = $2 OR ($2::bigint IS NULL AND external_id = $3)) LIMIT 1`,
      [connectorId, u.caseId ?? null, u.externalId ?? null],
    );
    if (!links[0]) return { outcome: 'unknown_case' as const };
    const caseId = Number(links[0].case_id);
    const { rowCount } = await uow.tx.query(
      'INSERT INTO connector_updates (connector_id, update_id, case_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [connectorId, u.updateId, caseId],
    );
    if (rowCount === 0) return { outcome: 'repeat' as const, caseId };
    if (u.status) {
      await uow.tx.query('UPDATE connector_links SET external_status = $3, updated_at = now() WHERE connector_id = $1 AND case_id = $2', [
        connectorId,
        caseId,
        u.status,
      ]);
    }
    const c = await getCase(uow.tx, caseId, true);
    if (!c) return { outcome: 'unknown_case' as const };
    const mapped = u.status ? cc.config.status_map[u.status] : undefined;
    const patch: CasePatch = {};
    if (mapped && mapped !== c.status) {
      patch.status = mapped;
      if (u.note) patch.status_notes = u.note;
    }
    if (patch.status) {
      await ctx.cases.updateInTransaction(uow, caseId, patch, actor);
      return { outcome: 'applied' as const, caseId };
    }
    if (!u.note && !u.status) return { outcome: 'unchanged' as const, caseId };
    const text = [u.status && !mapped ? `downstream status: ${u.status}` : undefined, u.note].filter(Boolean).join(': ');
    if (!text) return { outcome: 'unchanged' as const, caseId };
    const e = await insertEvent(uow.tx, caseId, 'note', actor, { text }, false);
    uow.afterCommit(() => ctx.signals.caseEvent(e));
    return { outcome: 'applied' as const, caseId };
  });
}

import type { AppContext } from '../context';
import { applyDownstreamUpdate } from './apply-update';
import type { ConfiguredConnector } from './connector-set';
import { listPullLinks, listTokenLinks, resolveLink } from './delivery-store';

const BATCH = 200;

/**
 * The status pull of one connector, every `pollMs`: first tokens the downstream answered with are exchanged for
 * request ids, then status changes of the cases it has are fetched and applied. The cursor is stored in the
 * connectors table, so a restart picks up where the last pull stopped.
 */
export class StatusPull {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'cases' | 'signals' | 'log'>,
    private readonly cc: ConfiguredConnector,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref?.();
  }

  /** Runs one pull now unless one is running; resolves when it is done. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    const { connector, config } = this.cc;
    try {
      if (connector.resolveToken) {
        for (const link of await listTokenLinks(this.ctx.db, config.id, BATCH)) {
          const externalId = await connector.resolveToken(link.token!);
          if (externalId) await resolveLink(this.ctx.db, config.id, link.case_id, externalId);
        }
      }
      if (!connector.pull) return;
      const links = await listPullLinks(this.ctx.db, config.id, BATCH);
      if (links.length === 0) return;
      const { rows } = await this.ctx.db.query<{ poll_cursor: string | null }>('SELECT poll_cursor FROM connectors WHERE id = $1', [config.id]);
      const result = await connector.pull(
        links.map((l) => ({ caseId: l.case_id, externalId: l.external_id!, lastStatus: l.external_status })),
        rows[0]?.poll_cursor ?? undefined,
      );
      for (const u of result.updates) await applyDownstreamUpdate(this.ctx, this.cc, u);
      // To the back of the line: with more linked cases than one batch, the next pull asks about the others.
      await this.ctx.db.query('UPDATE connector_links SET updated_at = now() WHERE connector_id = $1 AND case_id = ANY($2::bigint[])', [
        config.id,
        links.map((l) => l.case_id),
      ]);
      if (result.cursor !== undefined) await this.ctx.db.query('UPDATE connectors SET poll_cursor = $2 WHERE id = $1', [config.id, result.cursor]);
    } catch (err) {
      this.ctx.log.warn({ connector: config.id, err: (err as Error).message }, 'connector status pull failed; trying again on the next poll');
    }
  }
}

import fs from 'node:fs';
import { startConnectors } from '../../../src/downstream/start-connectors';
import { WebhookReceiver } from '../../fakes/webhook-receiver';
import { testContext } from '../../support/context';
import { freshPgliteDatabase } from '../../support/db';
import { smsReport } from '../outbound/support/outbound-harness';
import { waitFor } from '../outbound/support/wait-for';
import { connectorsFile, FAST_CONNECTORS } from './support';

/** The embedded default (PGlite, the in-process queue) delivers through the same trigger and relay. */
it('delivers the cases of a department to a webhook connector on PGlite with the in-process queue', async () => {
  const receiver = await new WebhookReceiver('embedded-secret-1234').start();
  const cfg = connectorsFile([{ id: 'hook', type: 'webhook', url: receiver.url, secret: 'embedded-secret-1234', departments: ['Street Lighting'] }]);
  const db = await freshPgliteDatabase();
  const ctx = await testContext(db, { env: { CONNECTORS_PATH: cfg.file } });
  const stop = await startConnectors(ctx, FAST_CONNECTORS);
  try {
    const pothole = await ctx.intake.submit(smsReport('SM-pglite-1', '+15550007001', 'pothole at 4 Elm St'));
    await ctx.intake.submit(smsReport('SM-pglite-2', '+15550007002', 'streetlight out at 6 Elm St'));
    await waitFor(() => receiver.events.length === 1, 10_000, 'the event');
    expect(receiver.events[0]).toMatchObject({
      signed: true,
      body: { type: 'case.opened', case: { service_code: 'streetlight', department: 'Street Lighting' } },
    });
    // Chosen by department: the pothole (Public Works) never had a delivery.
    const { rows } = await db.query('SELECT id FROM connector_deliveries WHERE case_id = $1', [pothole.case!.service_request_id]);
    expect(rows).toEqual([]);
  } finally {
    await stop();
    await ctx.queue.close();
    await db.close();
    await receiver.stop();
    cfg.remove();
    fs.rmSync(ctx.dataDir, { recursive: true, force: true });
  }
  // Migrating PGlite (PostgreSQL in WebAssembly) alone takes 20-40 s on the shared 2-core machine.
}, 90_000);

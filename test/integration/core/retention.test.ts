import request from 'supertest';
import { startHousekeeping } from '../../../src/housekeeping';
import { createApp } from '../../../src/http/app';
import type { Database } from '../../../src/storage/database';
import { purgeClosedPersonalData } from '../../../src/storage/retention-repo';
import { testContext } from '../../support/context';
import { freshPgDatabase, freshPgliteDatabase } from '../../support/db';

/** The page with its follow form's per-request tokens (CSRF, form id) blanked: they differ on every request by design. */
const withoutFormTokens = (html: string) => html.replace(/name="(_csrf|form)" value="[^"]*"/g, 'name="$1" value=""');

const engines: Array<[string, () => Promise<Database>]> = [
  ['PostgreSQL', freshPgDatabase],
  ['PGlite', freshPgliteDatabase],
];

describe.each(engines)('retention of personal data (%s)', (_engine, open) => {
  it('purges a case closed longer ago than the period and keeps open and recently closed ones; the public page is unchanged', async () => {
    const db = await open();
    const ctx = await testContext(db, { channels: [], env: { RETENTION_PERSONAL_DATA_DAYS: '30' } });
    try {
      const report = async (n: number, text: string) => {
        const phone = `+1555000700${n}`;
        const out = await ctx.intake.submit({
          channel: 'sms',
          providerMessageId: `SM-retention-${n}`,
          reporter: { address: phone, phone },
          text,
          media: [],
          raw: { From: phone, Body: text },
        });
        return { id: Number(out.case.service_request_id), phone };
      };
      const old = await report(1, 'pothole outside the library');
      const recent = await report(2, 'graffiti on the bridge');
      const open = await report(3, 'pothole by the school');
      // A call recording's link, as the voice channel keeps it on the case and on its recording row.
      await db.query(
        "INSERT INTO voice_recordings (recording_sid, call_sid, recording_url, status) VALUES ('RE-old', 'CA-old', 'https://api.twilio.com/rec/RE-old', 'done')",
      );
      await db.query(
        `UPDATE cases SET details = details || '{"recording_sids": ["RE-old"], "recording_urls": ["https://api.twilio.com/rec/RE-old"]}' WHERE service_request_id = $1`,
        [old.id],
      );
      await ctx.cases.update(old.id, { status: 'closed', status_notes: 'Filled' }, 'staff:test');
      await ctx.cases.update(recent.id, { status: 'closed' }, 'staff:test');
      await db.query("UPDATE cases SET closed_at = now() - interval '40 days' WHERE service_request_id = $1", [old.id]);
      // Weeks later the relay has long sent the confirmation and the closure text (no worker runs in this test).
      await db.query("UPDATE notifications SET status = 'sent' WHERE case_id = $1", [old.id]);
      await db.query("UPDATE cases SET created_at = now() - interval '60 days' WHERE service_request_id = $1", [open.id]);

      const app = createApp(ctx, []);
      const pageBefore = withoutFormTokens((await request(app).get(`/cases/${old.id}`)).text);
      const { stop, sweep } = startHousekeeping(ctx, 60_000);
      await sweep();
      await stop();

      const caseRow = async (id: number) =>
        (
          await db.query<{ reporter: Record<string, unknown>; details: Record<string, unknown>; status: string }>(
            'SELECT reporter, details, status FROM cases WHERE service_request_id = $1',
            [id],
          )
        ).rows[0];
      const raws = async (id: number) =>
        (await db.query<{ raw: unknown }>('SELECT raw FROM inbound_messages WHERE case_id = $1', [id])).rows.map((r) => r.raw);
      const subscriberAddresses = async (id: number) =>
        (await db.query<{ address: string }>('SELECT address FROM subscriptions WHERE case_id = $1 AND active', [id])).rows.map((r) => r.address);

      const purged = await caseRow(old.id);
      expect(purged.status).toBe('closed');
      expect(purged.reporter).toEqual({});
      expect(purged.details.recording_urls).toBeUndefined();
      expect(await raws(old.id)).toEqual([null]);
      expect(await subscriberAddresses(old.id)).toEqual([]);
      const recording = await db.query<{ recording_url: string | null }>("SELECT recording_url FROM voice_recordings WHERE recording_sid = 'RE-old'");
      expect(recording.rows[0].recording_url).toBeNull();
      // The phone number is gone from every row about the case, including the messages we sent to it.
      const { rows: left } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM notifications WHERE case_id = $1 AND recipient = $2)
              + (SELECT count(*) FROM subscriptions WHERE case_id = $1 AND address = $2)
              + (SELECT count(*) FROM cases WHERE service_request_id = $1 AND reporter::text LIKE '%' || $2 || '%') AS n`,
        [old.id, old.phone],
      );
      expect(Number(left[0].n)).toBe(0);

      for (const kept of [recent, open]) {
        expect((await caseRow(kept.id)).reporter).toEqual({ address: kept.phone, phone: kept.phone });
        expect(await raws(kept.id)).toEqual([{ From: kept.phone, Body: expect.any(String) }]);
        expect(await subscriberAddresses(kept.id)).toEqual([kept.phone]);
      }

      // Open data: the public page of the purged case reads exactly as before.
      const pageAfter = await request(app).get(`/cases/${old.id}`);
      expect(pageAfter.status).toBe(200);
      expect(withoutFormTokens(pageAfter.text)).toBe(pageBefore);
      expect(pageAfter.text).toContain('Filled');

      // Nothing left to do: the next batch finds no case, so a sweep does not rewrite purged rows.
      expect(await purgeClosedPersonalData(db, 30, 500)).toEqual({ cases: 0 });
    } finally {
      await ctx.queue.close();
      await db.close();
    }
    // PGlite migrates in the process: slow on a busy machine.
  }, 120_000);
});

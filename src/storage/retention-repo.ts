import type { Database } from './database';

/** What one purge batch did. */
export interface PurgeResult {
  /** Closed cases whose personal data was removed in this batch. */
  cases: number;
}

/**
 * Removes the personal data of up to `batchSize` cases closed more than `days` days ago, oldest closure first,
 * in one transaction; the case itself (what, where, when, what the city did) stays for open data.
 * What goes: the reporter's contact on the case, the raw provider payloads of its inbound messages, its call
 * recordings' audio references (on the case and on the recording rows), its subscribers' addresses (the
 * subscriptions are deactivated) and the recipients of messages sent to residents about it. Opt-outs in
 * `contacts` stay: they are what stops us texting a number again. Each case is marked
 * (`personal_data_purged_at`) so it is not visited twice, and `SKIP LOCKED` lets two workers share the work.
 */
export async function purgeClosedPersonalData(db: Database, days: number, batchSize: number): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT service_request_id AS id FROM cases
       WHERE status = 'closed' AND personal_data_purged_at IS NULL AND closed_at < now() - make_interval(days => $1)
       ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [days, batchSize],
    );
    if (rows.length === 0) return { cases: 0 };
    const ids = rows.map((r) => r.id);
    await tx.query('UPDATE inbound_messages SET raw = NULL WHERE case_id = ANY($1::bigint[]) AND raw IS NOT NULL', [ids]);
    await tx.query(
      `UPDATE voice_recordings SET recording_url = NULL, updated_at = now()
       WHERE recording_url IS NOT NULL AND recording_sid IN (
         SELECT jsonb_array_elements_text(COALESCE(details->'recording_sids', '[]')) FROM cases WHERE service_request_id = ANY($1::bigint[]))`,
      [ids],
    );
    // The address is replaced, not nulled: it is NOT NULL and part of the subscription's unique key.
    await tx.query(
      "UPDATE subscriptions SET active = false, address = 'purged:' || id, thread_id = NULL WHERE case_id = ANY($1::bigint[]) AND address NOT LIKE 'purged:%'",
      [ids],
    );
    await tx.query(
      `UPDATE notifications SET recipient = 'purged', updated_at = now()
       WHERE case_id = ANY($1::bigint[]) AND recipient NOT IN ('feed', 'purged') AND status NOT IN ('pending', 'queued', 'sending')`,
      [ids],
    );
    await tx.query(
      `UPDATE cases SET reporter = '{}', details = details - 'recording_urls', personal_data_purged_at = now()
       WHERE service_request_id = ANY($1::bigint[])`,
      [ids],
    );
    return { cases: ids.length };
  });
}

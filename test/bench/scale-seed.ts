/**
 * Seeds synthetic cases for bench:scale straight in SQL (generate_series, one INSERT ... SELECT per table and
 * chunk), never one statement per row. Proportions, per case: about 2.6 history events, 1.2 inbound messages,
 * 0.75 subscriptions, 2.9 notifications, 0.32 photos (processed and ready) and, for calls, one recording. Cases are spread evenly over three
 * years ending now and numbered in creation order, as intake numbers them. Old cases are nearly all closed,
 * the last month's about half. Categories follow the shared training export's mix (read at run time; its
 * texts are not used: descriptions are synthetic). Nothing here is a real resident's.
 */
import fs from 'node:fs';
import type { Client } from 'pg';
import { MASK_VERSION } from '../../src/domain/public-text';

const CHUNK = 100_000;
const FIRST_ID = 100_001;

/** Category weights from the training export's `category` column, as 10,000 slots (every category gets one). */
export function categorySlots(csvPath: string, codes: readonly string[]): string[] {
  const counts = new Map<string, number>(codes.map((c) => [c, 0]));
  const lines = fs.readFileSync(csvPath, 'utf8').split('\n');
  // The category is the field after the (quoted, comma-holding) text: read it from the right.
  for (const line of lines.slice(1)) {
    const m = /,([a-z-]+),(?:"[^"]*"|[^,]*),[^,]*,[^,]*,[^,]*$/.exec(line);
    if (m && counts.has(m[1])) counts.set(m[1], counts.get(m[1])! + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0) || 1;
  const slots: string[] = [];
  for (const [code, n] of counts) for (let i = 0; i < Math.max(1, Math.round((n / total) * 10_000)); i++) slots.push(code);
  return slots;
}

/** Case numbers seeded: FIRST_ID .. FIRST_ID + n - 1. */
export function seededIds(n: number): { first: number; last: number } {
  return { first: FIRST_ID, last: FIRST_ID + n - 1 };
}

/** What the staff console's queue filters on: each category's department, and the agent that open work is assigned to. */
export interface ConsoleShape {
  departments: Record<string, string>;
  assigneeId: number;
}

const NEIGHBORHOODS = [
  'Allston',
  'Back Bay',
  'Charlestown',
  'Dorchester',
  'East Boston',
  'Jamaica Plain',
  'Mattapan',
  'Roxbury',
  'South Boston',
  'West Roxbury',
];

async function chunk(c: Client, n: number, lo: number, hi: number, slots: string[], shape: ConsoleShape): Promise<void> {
  // One row of random draws per case, kept in a temporary table so every child table sees the same case.
  await c.query('DROP TABLE IF EXISTS bench_draw');
  await c.query(
    `CREATE TEMP TABLE bench_draw AS
     SELECT g, $4::bigint + g AS id,
       now() - interval '1095 days' * (1 - g::double precision / $1) + random() * interval '1 minute' AS created_at,
       1095.0 * (1 - g::double precision / $1) AS age_days,
       random() AS r_status, random() AS r_prog, random() AS r_chan, random() AS r_pub, random() AS r_dup,
       random() AS r_note, random() AS r_close, random() AS r_sub,
       ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS code,
       42.23 + random() * 0.17 AS lat, -71.19 + random() * 0.20 AS lon
     FROM generate_series($2::bigint, $3::bigint - 1) g`,
    [n, lo, hi, FIRST_ID, slots],
  );
  await c.query(
    `INSERT INTO cases (service_request_id, service_code, status, description, lat, lon, address, channel, language, reporter,
                        public, duplicate_of, details, created_at, updated_at, closed_at, department, neighborhood, priority, assignee_id,
                        masked_description, masked_address, mask_version)
     SELECT id, code, st, 'Synthetic report ' || g || ' of ' || code || ' near ' || (g % 400) || ' Example St',
       lat, lon, (g % 400) || ' Example St', ch, CASE WHEN r_note < 0.12 THEN 'es' ELSE 'en' END,
       CASE ch WHEN 'twitter' THEN jsonb_build_object('address', 'u' || g, 'handle', 'resident' || g)
               WHEN 'open311' THEN jsonb_build_object('name', 'Resident ' || g, 'email', 'r' || g || '@example.org')
               ELSE jsonb_build_object('phone', '+1617555' || lpad((g % 10000)::text, 4, '0')) END,
       r_pub < 0.97, CASE WHEN st = 'closed' AND r_dup < 0.03 AND g > 60 THEN id - 1 - floor(r_dup * 1000)::int END,
       CASE WHEN ch = 'voice' THEN jsonb_build_object('recording_sids', jsonb_build_array('RE' || g),
              'recording_urls', jsonb_build_array('https://api.twilio.com/2010-04-01/Accounts/ACbench/Recordings/RE' || g)) ELSE '{}' END,
       created_at, COALESCE(closed, created_at), closed,
       ($2::text[])[array_position($1::text[], code)], ($3::text[])[1 + g % array_length($3::text[], 1)],
       CASE WHEN r_sub < 0.02 THEN 'urgent' WHEN r_sub < 0.1 THEN 'high' ELSE 'normal' END,
       CASE WHEN st = 'closed' OR r_note < 0.4 THEN $4::bigint END,
       -- Stored masks, as intake writes them: the synthetic text holds no contact details, so its mask is itself
       -- (scale.ts checks a sample against maskPersonalData).
       'Synthetic report ' || g || ' of ' || code || ' near ' || (g % 400) || ' Example St', (g % 400) || ' Example St', $5::smallint
     FROM (SELECT d.*, x.st, x.ch,
             CASE WHEN x.st = 'closed' THEN least(now(), d.created_at + r_close * interval '14 days') END AS closed
           FROM bench_draw d, LATERAL (SELECT
             CASE WHEN (age_days > 30 AND r_status < 0.95) OR (age_days <= 30 AND r_status < 0.5) THEN 'closed'
                  WHEN r_prog < 0.25 THEN 'in_progress' ELSE 'open' END AS st,
             CASE WHEN r_chan < 0.35 THEN 'sms' WHEN r_chan < 0.55 THEN 'voice' WHEN r_chan < 0.65 THEN 'twitter'
                  WHEN r_chan < 0.95 THEN 'open311' ELSE 'web' END AS ch) x) s`,
    [Object.keys(shape.departments), Object.values(shape.departments), NEIGHBORHOODS, shape.assigneeId, MASK_VERSION],
  );
  // History in time order, so event ids grow with time as they do in service.
  await c.query(
    `INSERT INTO case_events (case_id, type, actor, data, public, created_at)
     SELECT case_id, type, actor, data, pub, at FROM (
       SELECT service_request_id AS case_id, 'opened' AS type, channel AS actor,
              jsonb_build_object('channel', channel, 'service_code', service_code) AS data, true AS pub, created_at AS at
       FROM cases WHERE service_request_id BETWEEN $1 AND $2
       UNION ALL
       SELECT service_request_id, 'status_changed', 'staff:bench', jsonb_build_object('from', 'open', 'to', 'in_progress'), true,
              created_at + interval '2 hours'
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND (status = 'in_progress' OR (status = 'closed' AND closed_at > created_at + interval '1 day'))
       UNION ALL
       SELECT service_request_id, 'note', 'staff:bench', jsonb_build_object('text', 'crew assigned'), false, created_at + interval '3 hours'
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND service_request_id % 5 = 0
       UNION ALL
       SELECT service_request_id, 'duplicate_linked', 'sms', jsonb_build_object('channel', 'sms', 'description', 'same here'), false,
              created_at + interval '5 hours'
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND service_request_id % 20 = 7
       UNION ALL
       SELECT service_request_id, CASE WHEN duplicate_of IS NULL THEN 'closed' ELSE 'merged' END, 'staff:bench',
              CASE WHEN duplicate_of IS NULL THEN jsonb_build_object('status_notes', 'fixed') ELSE jsonb_build_object('into', duplicate_of) END,
              true, closed_at
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND status = 'closed'
     ) h ORDER BY at`,
    [FIRST_ID + lo, FIRST_ID + hi - 1],
  );
  // Every report arrived as a provider message with its raw payload; SMS conversations add a second message.
  await c.query(
    `INSERT INTO inbound_messages (channel, provider_message_id, case_id, result, raw, received_at)
     SELECT channel, pid, service_request_id, '{"kind":"created"}', raw, created_at FROM (
       SELECT channel, 'M' || service_request_id AS pid, service_request_id, created_at,
              jsonb_build_object('From', reporter, 'Body', description) AS raw
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND channel <> 'web'
       UNION ALL
       SELECT channel, 'M' || service_request_id || 'b', service_request_id, created_at - interval '1 minute',
              jsonb_build_object('From', reporter, 'Body', 'pothole')
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND channel = 'sms'
     ) m ORDER BY created_at`,
    [FIRST_ID + lo, FIRST_ID + hi - 1],
  );
  await c.query(
    `INSERT INTO voice_recordings (recording_sid, call_sid, recording_url, duration_seconds, status, transcript, engine, created_at, updated_at)
     SELECT 'RE' || (service_request_id - $3), 'M' || service_request_id, details->'recording_urls'->>0, 20, 'done', description, 'google',
            created_at, created_at
     FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND channel = 'voice'`,
    [FIRST_ID + lo, FIRST_ID + hi - 1, FIRST_ID],
  );
  // Reporters who can be answered subscribe; a few neighbours follow.
  await c.query(
    `INSERT INTO subscriptions (case_id, channel, address, language, role, created_at)
     SELECT service_request_id, CASE WHEN channel = 'voice' THEN 'sms' ELSE channel END,
            COALESCE(reporter->>'address', reporter->>'phone'), language, 'reporter', created_at
     FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND channel IN ('sms', 'voice', 'twitter')
     UNION ALL
     SELECT service_request_id, 'sms', '+1857555' || lpad((service_request_id % 10000)::text, 4, '0'), 'en', 'follower', created_at + interval '1 day'
     FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND service_request_id % 33 = 3`,
    [FIRST_ID + lo, FIRST_ID + hi - 1],
  );
  // The outbox as it looks after the relay did its work: sent, a few failed; the newest cases' rows still pending.
  await c.query(
    `INSERT INTO notifications (case_id, channel, recipient, kind, language, status, provider_id, body, created_at, updated_at, sent_at)
     SELECT case_id, channel, recipient, kind, language, st, CASE WHEN st = 'sent' THEN 'P' || k || '-' || case_id || '-' || recipient END, body, at, at, at
     FROM (
       SELECT s.case_id, s.channel, s.address AS recipient, 'case_opened' AS kind, s.language, c.created_at AS at, 1 AS k,
              'Thanks, your report is #' || c.service_request_id AS body, c.service_request_id AS id
       FROM subscriptions s JOIN cases c ON c.service_request_id = s.case_id
       WHERE s.case_id BETWEEN $1 AND $2 AND s.role = 'reporter'
       UNION ALL
       SELECT s.case_id, s.channel, s.address, 'case_closed', s.language, c.closed_at, 2, 'Case #' || c.service_request_id || ' is closed',
              c.service_request_id
       FROM subscriptions s JOIN cases c ON c.service_request_id = s.case_id
       WHERE s.case_id BETWEEN $1 AND $2 AND c.status = 'closed'
       UNION ALL
       SELECT service_request_id, 'twitter', 'feed', 'feed_opened', 'en', created_at, 3, 'New: ' || service_code, service_request_id
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND public AND duplicate_of IS NULL
       UNION ALL
       SELECT service_request_id, 'twitter', 'feed', 'feed_closed', 'en', closed_at, 4, 'Fixed: ' || service_code, service_request_id
       FROM cases WHERE service_request_id BETWEEN $1 AND $2 AND public AND duplicate_of IS NULL AND status = 'closed'
     ) o, LATERAL (SELECT CASE WHEN o.id > $3 THEN 'pending' WHEN o.id % 200 = 1 THEN 'failed' ELSE 'sent' END AS st) x
     ORDER BY at`,
    [FIRST_ID + lo, FIRST_ID + hi - 1, FIRST_ID + n - 30],
  );
  // Photos, processed and ready as the media pipeline leaves them: residents' on about 22% of reports (four in ten
  // from apps and the web form, three in ten tweets, one in seven texts, none by phone), and staff's closure photo
  // on one closed case in ten. The case's media list holds the provider URL, as intake stores it.
  await c.query(
    `WITH shot AS (
       UPDATE cases SET media = jsonb_build_array(jsonb_build_object('url', 'https://media.bench.intake311.test/' || service_request_id || '.jpg',
                                                                     'content_type', 'image/jpeg'))
       WHERE service_request_id BETWEEN $1 AND $2
         AND (service_request_id * 7919) % 100 < CASE channel WHEN 'open311' THEN 40 WHEN 'web' THEN 40 WHEN 'twitter' THEN 30 WHEN 'sms' THEN 15 ELSE 0 END
       RETURNING service_request_id, channel, media, created_at)
     INSERT INTO media_items (case_id, kind, position, channel, source_url, declared_type, status, content_type, bytes, width, height,
                              sha256, stored, processed_at, created_at, updated_at)
     SELECT service_request_id, 'report', 0, channel, media->0->>'url', 'image/jpeg', 'ready', 'image/jpeg', 180000, 1600, 1200,
            md5(service_request_id::text), '{"keys": {}}', created_at, created_at, created_at
     FROM shot`,
    [FIRST_ID + lo, FIRST_ID + hi - 1],
  );
  await c.query(
    `WITH shot AS (
       UPDATE cases SET closure_media_url = 'https://media.bench.intake311.test/closed-' || service_request_id || '.jpg'
       WHERE service_request_id BETWEEN $1 AND $2 AND status = 'closed' AND service_request_id % 10 = 3
       RETURNING service_request_id, closure_media_url, closed_at)
     INSERT INTO media_items (case_id, kind, position, channel, source_url, status, content_type, bytes, width, height, sha256, stored,
                              processed_at, created_at, updated_at)
     SELECT service_request_id, 'closure', 0, 'staff', closure_media_url, 'ready', 'image/jpeg', 150000, 1600, 1200,
            md5('c' || service_request_id), '{"keys": {}}', closed_at, closed_at, closed_at
     FROM shot`,
    [FIRST_ID + lo, FIRST_ID + hi - 1],
  );
  await c.query('DROP TABLE bench_draw');
}

/**
 * Empties the schema's case tables and seeds `n` cases with their children. The connection's search_path must
 * be the bench schema. Commits are asynchronous for this session only: a crash loses bench rows, nothing else.
 */
export async function seed(c: Client, n: number, slots: string[], shape: ConsoleShape, progress: (done: number) => void): Promise<void> {
  await c.query('SET synchronous_commit = off');
  // Foreign keys hold by construction here; checking them row by row (replica role skips those triggers) would
  // about double the seeding time. This session only.
  await c.query('SET session_replication_role = replica');
  await c.query(
    'TRUNCATE twitter_posts, media_items, notifications, subscriptions, inbound_messages, case_events, voice_recordings, cases RESTART IDENTITY CASCADE',
  );
  for (let lo = 0; lo < n; lo += CHUNK) {
    await chunk(c, n, lo, Math.min(n, lo + CHUNK), slots, shape);
    progress(Math.min(n, lo + CHUNK));
  }
  await c.query('SET session_replication_role = origin');
  await c.query(`SELECT setval('case_number_seq', $1)`, [FIRST_ID + n]);
  // As autovacuum would have by now: statistics for the planner, and the visibility map for index-only scans.
  // Named tables only: a bare VACUUM would walk every schema on the shared server.
  await c.query('VACUUM ANALYZE cases, case_events, inbound_messages, voice_recordings, subscriptions, notifications, media_items');
  // And as a store in steady state has: no backlog of the bulk load's dirty pages, which the checkpointer would
  // otherwise write out during the first probes (their p99 then measured the load's writeback, not the read).
  await c.query('CHECKPOINT').catch((e: Error) => {
    process.stderr.write(`\nbench:scale: CHECKPOINT refused (${e.message}); the first probes may include the load's writeback\n`);
  });
}

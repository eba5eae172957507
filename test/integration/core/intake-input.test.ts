import { MASK_VERSION } from '../../../src/domain/public-text';
import type { InboundReport } from '../../../src/domain/types';
import { buildIntakeInput, type IntakeInput } from '../../../src/intake/intake-input';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

const feed = { name: 'twitter' as const, feed: () => ({ channel: 'twitter' as const, wants: () => true }) };

/** A report that uses every field intake knows. */
const REPORT: InboundReport = {
  channel: 'sms',
  providerMessageId: 'SM-every-key',
  reporter: { address: '+16175550142', phone: '+16175550142', name: 'R. Resident' },
  text: 'graffiti on the wall at 45 Main St, text me at 617 555 0142',
  media: [{ url: 'https://media.example.org/1.jpg', content_type: 'image/jpeg' }],
  location: { lat: 42.3601, lon: -71.0589 },
  address: '45 Main St',
  place: {
    lat: 42.3601,
    lon: -71.0589,
    address: '45 Main St, Charlestown 02129',
    kind: 'address',
    confidence: 0.9,
    source: 'geocoded',
    inside: true,
    neighborhood: 'Charlestown',
  },
  language: 'es',
  attributes: { surface: 'brick' },
  details: { via: 'test' },
  public: false,
  raw: {},
};

type Row = Record<string, unknown>;

describe('intake input: every key the builder makes reaches the database', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let input: IntakeInput;
  let caseRow: Row;
  let replyOutcome: { suggestions: unknown[] };

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { channels: [feed] });
    const options = {
      threadId: 'thread-9',
      alsoSubscribers: [{ channel: 'email' as const, address: 'r.resident@example.org', language: 'es' as const }],
    };
    input = buildIntakeInput({ ...ctx, feedTargets: [{ channel: 'twitter', wants: () => true }] }, REPORT, options);
    const out = await ctx.intake.submit(REPORT, options);
    replyOutcome = out;
    caseRow = (await db.query<Row>('SELECT * FROM cases WHERE service_request_id = $1', [out.case.service_request_id])).rows[0];
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  const one = async (sql: string): Promise<Row> => (await db.query<Row>(sql, [caseRow.service_request_id])).rows[0];

  const checks: Record<keyof IntakeInput, () => Promise<void> | void> = {
    channel: () => expect(caseRow.channel).toBe('sms'),
    actor: async () => expect((await one("SELECT actor FROM case_events WHERE case_id = $1 AND type = 'opened'")).actor).toBe('resident:sms'),
    service_code: () => expect(caseRow.service_code).toBe('graffiti'),
    description: () => expect(caseRow.description).toBe(REPORT.text),
    lat: () => expect(caseRow.lat).toBeCloseTo(42.3601, 6),
    lon: () => expect(caseRow.lon).toBeCloseTo(-71.0589, 6),
    address: () => expect(caseRow.address).toBe('45 Main St, Charlestown 02129'),
    // Stored masked at intake: public reads copy these instead of masking every case they show.
    masked_description: () => expect(caseRow.masked_description).toBe('graffiti on the wall at 45 Main St, text me at […]'),
    masked_address: () => expect(caseRow.masked_address).toBe('45 Main St, Charlestown 02129'),
    mask_version: () => expect(caseRow.mask_version).toBe(MASK_VERSION),
    location_kind: () => expect(caseRow.location_kind).toBe('address'),
    location_confidence: () => expect(caseRow.location_confidence).toBe(0.9),
    location_source: () => expect(caseRow.location_source).toBe('geocoded'),
    neighborhood: () => expect(caseRow.neighborhood).toBe('Charlestown'),
    media: () => expect(caseRow.media).toEqual(REPORT.media),
    language: () => expect(caseRow.language).toBe('es'),
    reporter: () => expect(caseRow.reporter).toEqual(REPORT.reporter),
    public: () => expect(caseRow.public).toBe(false),
    department: () => expect(caseRow.department).toBe(ctx.catalog.get('graffiti')?.department),
    classification: () =>
      expect((caseRow.classification as { suggestions: { service_code: string }[] }).suggestions[0].service_code).toBe('graffiti'),
    attributes: () => expect(caseRow.attributes).toEqual({ surface: 'brick' }),
    // The resident's own words for the place are kept beside the normalised address.
    details: () => expect(caseRow.details).toEqual({ via: 'test', address_text: '45 Main St' }),
    subscriber: async () =>
      expect(await one("SELECT channel, address, language, role, thread_id FROM subscriptions WHERE case_id = $1 AND channel = 'sms'")).toEqual({
        channel: 'sms',
        address: '+16175550142',
        language: 'es',
        role: 'reporter',
        thread_id: 'thread-9',
      }),
    also_subscribers: async () =>
      expect(await one("SELECT channel, address, language, role FROM subscriptions WHERE case_id = $1 AND channel = 'email'")).toEqual({
        channel: 'email',
        address: 'r.resident@example.org',
        language: 'es',
        role: 'reporter',
      }),
    // One confirmation per address the reporter gave.
    notify_reporter: async () =>
      expect((await one("SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND kind = 'case_opened'")).n).toBe(2),
    // The case is private, so the feed channel is named but posts nothing; a public case's post is tested in intake.test.ts.
    feed_channels: async () => {
      expect(input.feed_channels).toEqual(['twitter']);
      expect((await one("SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND kind = 'feed_opened'")).n).toBe(0);
    },
    duplicate_radius_m: async () => {
      const near = { ...REPORT, providerMessageId: 'SM-near', public: true, place: undefined, location: { lat: 42.36011, lon: -71.05891 } };
      expect((await ctx.intake.submit(near)).kind).toBe('linked');
      expect((await ctx.intake.submit({ ...near, providerMessageId: 'SM-near-2' }, { noDuplicateCheck: true })).kind).toBe('created');
    },
    duplicate_since: () => expect(Date.parse(input.duplicate_since)).toBeLessThan(Date.now() - 3600_000),
    suggestions: () => expect(replyOutcome.suggestions).toEqual(input.suggestions),
  };

  it('has a check for each key, so a key added without one fails here', () => {
    expect(Object.keys(input).sort()).toEqual(Object.keys(checks).sort());
  });

  it.each(Object.keys(checks))('%s', async (key) => {
    await checks[key as keyof IntakeInput]();
  });
});

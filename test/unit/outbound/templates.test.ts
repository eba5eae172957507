import { SMS_TEXT_BUDGET } from '../../../channels/sms/text-budget';
import { loadCatalog } from '../../../src/catalog/catalog';
import type { CaseRecord, NotificationRecord } from '../../../src/domain/types';
import { render } from '../../../src/outbound/templates';
import { smsSize } from '../../../vendors/twilio/segments';
import { tweetLength, tweetTextBudget } from '../../../vendors/x/tweet-length';
import { locales } from '../../support/locales';

const catalog = loadCatalog();
const deps = { catalog, locales, publicBaseUrl: 'https://311.example.gov' };
const code = catalog.codes().find((c) => c !== catalog.defaultServiceCode) as string;

const kase = { service_request_id: 100234, service_code: code, status: 'closed', address: '12 Elm St', duplicate_of: null } as unknown as CaseRecord;

function note(
  kind: NotificationRecord['kind'],
  params: Record<string, unknown>,
  language: 'en' | 'es' = 'en',
  recipient = '+15550001234',
): NotificationRecord {
  return {
    id: 1,
    case_id: 100234,
    kind,
    language,
    recipient,
    channel: 'sms',
    params: { service_code: code, address: '12 Elm St', ...params },
  } as unknown as NotificationRecord;
}

const longNotes = 'The crew filled the pothole with hot asphalt, compacted it, and resurfaced the lane. '.repeat(8);

describe('notification templates', () => {
  it('gives a new reporter the tracking number, service name and case link', () => {
    const { text } = render(note('case_opened', { status: 'open' }), kase, deps, SMS_TEXT_BUDGET);
    expect(text).toContain('#100234');
    expect(text).toContain(catalog.name(code, 'en'));
    expect(text).toContain('https://311.example.gov/cases/100234');
  });

  it('keeps a closure SMS within two segments by shortening the notes at a word, never the tracking number', () => {
    const { text, mediaUrl } = render(
      note('case_closed', { status: 'closed', status_notes: longNotes, closure_media_url: 'https://img.example/p.jpg' }),
      { ...kase, photos: [{ id: 7, kind: 'closure' }] },
      deps,
      SMS_TEXT_BUDGET,
    );
    expect(smsSize(text).segments).toBeLessThanOrEqual(2);
    expect(text).toContain('Case #100234');
    expect(text).toMatch(/Notes: The crew filled .*\w\.\.\./);
    // Our processed copy of the closure photo, never the URL staff gave.
    expect(mediaUrl).toBe('https://311.example.gov/media/7/display');
  });

  it('attaches no closure photo while it is not processed (or hidden): the URL staff gave is never sent', () => {
    const { mediaUrl } = render(
      note('case_closed', { status: 'closed', closure_media_url: 'https://img.example/p.jpg' }),
      kase,
      deps,
      SMS_TEXT_BUDGET,
    );
    expect(mediaUrl).toBeUndefined();
  });

  it('fits Spanish (UCS-2) text in two segments too', () => {
    const { text } = render(
      note('case_closed', { status: 'closed', status_notes: 'Se rellenó el bache con asfalto caliente. '.repeat(6) }, 'es'),
      kase,
      deps,
      SMS_TEXT_BUDGET,
    );
    expect(smsSize(text)).toMatchObject({ encoding: 'UCS-2' });
    expect(smsSize(text).segments).toBeLessThanOrEqual(2);
    expect(text).toContain('El caso #100234');
    expect(text).toContain(catalog.name(code, 'es'));
  });

  it('turns pasted curly quotes into plain ones so an English SMS stays GSM-7', () => {
    const { text } = render(note('status_changed', { status: 'in_progress', status_notes: 'Crew’s on it — “today”' }), kase, deps, SMS_TEXT_BUDGET);
    expect(smsSize(text).encoding).toBe('GSM-7');
    expect(text).toContain('in progress');
    expect(text).toContain(`Crew's on it - "today"`);
  });

  it('tells a duplicate reporter the number it was already reported under', () => {
    const merged = render(note('duplicate_linked', { duplicate_of: 100100 }), kase, deps, SMS_TEXT_BUDGET).text;
    expect(merged).toContain('already reported as case #100100');
    expect(merged).toContain("We'll let you know when it's fixed.");
    expect(render(note('duplicate_linked', { duplicate_of: null }), kase, deps, SMS_TEXT_BUDGET).text).toContain('case #100234');
  });

  it.each([
    ['en', "You're following #100234 (Pothole). We'll let you know when it's fixed."],
    ['es', 'Ahora sigue el caso #100234 (Bache). Le avisaremos cuando esté resuelto.'],
  ] as const)('confirms a follow (%s) with the tracking number and link, within a tweet and one SMS segment', (language, sentence) => {
    const pothole = { ...kase, service_code: 'pothole', status: 'open' } as CaseRecord;
    const followed = {
      ...note('follow_confirmed', { service_code: 'pothole', status: 'open' }, language, '44'),
      channel: 'twitter',
    } as NotificationRecord;
    const tweet = render(followed, pothole, deps, tweetTextBudget()).text;
    expect(tweet).toBe(`${sentence} https://311.example.gov/cases/100234`);
    expect(tweetLength(tweet)).toBeLessThanOrEqual(280);
    expect(smsSize(render(followed, pothole, deps, SMS_TEXT_BUDGET).text).segments).toBe(1);
  });

  it('keeps the tracking number of a follow confirmation whole under the longest service names, dropping the link first', () => {
    const longest = catalog.codes().reduce((a, b) => (catalog.name(b, 'es').length > catalog.name(a, 'es').length ? b : a));
    for (const language of ['en', 'es'] as const) {
      const n = note('follow_confirmed', { service_code: longest, status: 'open' }, language);
      expect(render(n, kase, deps, tweetTextBudget()).text).toContain('https://311.example.gov/cases/100234');
      const tight = render(n, kase, deps, { prepare: (t) => t, fits: (t) => t.length <= 100 }).text;
      expect(tight).toContain('#100234');
      expect(tight).not.toContain('https://');
    }
  });

  it('tells someone who follows an already closed case that it is closed, not that it will be fixed', () => {
    const closedEn = render(note('follow_confirmed', { status: 'closed' }), kase, deps, tweetTextBudget()).text;
    expect(closedEn).toContain("It is already closed; we'll let you know if it reopens.");
    expect(closedEn).not.toContain('when it');
    expect(render(note('follow_confirmed', { status: 'closed' }, 'es'), kase, deps, tweetTextBudget()).text).toContain('Ya está cerrado');
  });

  it('posts public feed updates within 280 (URLs as 23) without the reporter', () => {
    const budget = tweetTextBudget();
    const { text } = render(note('feed_closed', { status: 'closed', status_notes: longNotes }, 'en', 'feed'), kase, deps, budget);
    expect(tweetLength(text)).toBeLessThanOrEqual(280);
    expect(text).toContain('#100234');
    expect(text).toContain('https://311.example.gov/cases/100234');
    expect(text).not.toContain('1234');
  });
});

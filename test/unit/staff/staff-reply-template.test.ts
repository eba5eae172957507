import { SMS_TEXT_BUDGET } from '../../../channels/sms/text-budget';
import { loadCatalog } from '../../../src/catalog/catalog';
import type { CaseRecord, NotificationRecord } from '../../../src/domain/types';
import { render } from '../../../src/outbound/templates';
import { smsSize } from '../../../vendors/twilio/segments';
import { locales } from '../../support/locales';

const deps = { catalog: loadCatalog(), locales, publicBaseUrl: 'https://311.example.gov' };
const kase = { service_request_id: 100777, service_code: 'pothole', status: 'open', address: null, duplicate_of: null } as unknown as CaseRecord;
const reply = (text: string, language: 'en' | 'es') =>
  ({
    id: 9,
    case_id: 100777,
    kind: 'staff_reply',
    language,
    recipient: '+15550001234',
    channel: 'sms',
    params: { text },
  }) as unknown as NotificationRecord;

describe('a staff reply to a resident', () => {
  it('carries the staff member’s words after the report number, in the resident’s language', () => {
    expect(render(reply('A crew comes Thursday.', 'en'), kase, deps, SMS_TEXT_BUDGET).text).toBe(
      'About your report #100777: A crew comes Thursday. https://311.example.gov/cases/100777',
    );
    expect(render(reply('Un equipo irá el jueves.', 'es'), kase, deps, SMS_TEXT_BUDGET).text).toMatch(
      /^Sobre su reporte #100777: Un equipo irá el jueves\./,
    );
  });

  it('shortens a long reply at a word to fit the SMS budget, keeping the report number', () => {
    const long = 'We looked at the site and will come back with a bigger truck next week. '.repeat(20);
    const { text } = render(reply(long, 'en'), kase, deps, SMS_TEXT_BUDGET);
    expect(SMS_TEXT_BUDGET.fits(text)).toBe(true);
    expect(text).toMatch(/^About your report #100777: We looked/);
    expect(text.length).toBeLessThan(long.length);
    expect(smsSize(text).segments).toBeGreaterThan(0);
  });
});

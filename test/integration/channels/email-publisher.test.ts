import { emailPublisher } from '../../../channels/email/publisher';
import { verifiedValue } from '../../../src/channels/signed-link';
import type { CaseRecord, NotificationRecord } from '../../../src/domain/types';
import { PermanentSendError, TransientSendError } from '../../../src/errors';
import { smtpOptionsFromUrl, smtpTransport } from '../../../vendors/smtp/transport';
import { SmtpInbox } from '../../fakes/smtp-inbox';

const SECRET = 'a-test-link-secret-that-is-long-enough';

function notification(over: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: 41,
    case_id: 100123,
    event_id: 7,
    subscription_id: 9,
    channel: 'email',
    recipient: 'resident@example.org',
    kind: 'case_closed',
    language: 'es',
    params: {},
    status: 'sending',
    attempts: 0,
    provider_id: null,
    provider_status: null,
    last_error: null,
    created_at: new Date(),
    updated_at: new Date(),
    sent_at: null,
    claimed_at: null,
    interrupted_at: null,
    reconciled_at: null,
    ...over,
  };
}

/** The email publisher against a real SMTP server (the local fake), through nodemailer. */
describe('email publisher', () => {
  let inbox: SmtpInbox;
  let publisher: ReturnType<typeof emailPublisher>;

  beforeAll(async () => {
    inbox = await new SmtpInbox().start();
    const transport = smtpTransport(smtpOptionsFromUrl(`smtp://127.0.0.1:${inbox.port}`, 5000));
    publisher = emailPublisher({ transport, from: '311@city.example', publicBaseUrl: 'https://311.city.example', linkSecret: SECRET });
  });
  afterAll(() => inbox.stop());

  it('sends the text with a subject naming the case and a signed one-click unsubscribe link for that subscription', async () => {
    const sent = await publisher.send({
      notification: notification({ language: 'en' }),
      case: {} as CaseRecord,
      text: 'Case #100123 (Pothole) has been closed.',
    });
    expect(sent.providerId).toMatch(/^<notification-41@311\.city\.example>$/);
    const mail = inbox.mails.at(-1)!;
    expect(mail.to).toEqual(['resident@example.org']);
    const raw = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(raw).toContain('Subject: 311 report #100123 is closed');
    expect(raw).toContain('Case #100123 (Pothole) has been closed.');
    expect(raw).toContain('To stop emails about this report, open this link:');
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /<(https:\/\/311\.city\.example\/unsubscribe\/[^>]+)>/.exec(raw)?.[1];
    expect(link).toBeDefined();
    expect(verifiedValue(SECRET, 'unsubscribe', link!.split('/').pop())).toBe('9');
    expect(raw).toContain(link!);
  });

  it('turns a 5xx refusal into a permanent failure (the address is gone on 550) and a 4xx into a retry', async () => {
    inbox.refuse.push(550);
    const gone = await publisher.send({ notification: notification(), case: {} as CaseRecord, text: 'x' }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PermanentSendError);
    expect((gone as PermanentSendError).recipientGone).toBe(true);
    expect((gone as Error).message).not.toContain('resident@example.org');
    inbox.refuse.push(451);
    const later = await publisher.send({ notification: notification(), case: {} as CaseRecord, text: 'x' }).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(TransientSendError);
  });
});

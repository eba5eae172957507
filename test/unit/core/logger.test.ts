import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('debug', stream), text: () => lines.join('') };
}

describe('logs', () => {
  it('never carry phone numbers, handles, tokens or secrets passed as fields', () => {
    const { log, text } = capture();
    log.info({ From: '+16175550123', To: '+16175550311', body: { From: '+16175550123' }, handle: 'resident42' }, 'sms in');
    log.info({ authToken: 'tw-secret-1', config: { appSecret: 'x-secret-2', accessSecret: 'x-secret-3' } }, 'boot');
    log.info({ headers: { authorization: 'Bearer i311_staff_abc' }, api_key: 'i311_open311_def', recipient: '+16175550123' }, 'req');
    const out = text();
    for (const secret of ['6175550123', 'resident42', 'tw-secret-1', 'x-secret-2', 'x-secret-3', 'i311_staff_abc', 'i311_open311_def']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('sms in');
  });

  it('mask contact details quoted inside error texts (a PostgreSQL key, a provider refusal)', () => {
    const { log, text } = capture();
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "contacts_pkey"'), {
      detail: 'Key (channel, address)=(sms, +16175550123) already exists.',
      code: '23505',
    });
    log.error({ err: pgError }, 'sms: webhook failed');
    log.warn({ err: 'twilio 21211: the number +1 617 555 0199 is not valid', reason: 'mail jane@example.org bounced' }, 'send failed');
    const out = text();
    for (const secret of ['6175550123', '617 555 0199', 'jane@example.org']) expect(out).not.toContain(secret);
    expect(out).toContain('contacts_pkey');
    expect(out).toContain('23505');
  });
});

import type { Database } from '../../../src/storage/database';
import { SmtpInbox } from '../../fakes/smtp-inbox';
import { freshPgDatabase } from '../../support/db';
import { smsReport } from '../outbound/support/outbound-harness';
import { waitFor } from '../outbound/support/wait-for';
import { connectorsFile, deliveries, dropRedisPrefix, queuePrefix, startWorker, type Worker } from './support';

/** The email connector: a department's inbox through SMTP (nodemailer) against a local mail server. */
describe('email connector', () => {
  let db: Database & { schema: string };
  let prefix: string;
  let inbox: SmtpInbox;
  let w: Worker;
  let remove: () => void;

  beforeEach(async () => {
    db = await freshPgDatabase();
    prefix = queuePrefix();
    inbox = await new SmtpInbox().start();
    const cfg = connectorsFile([
      {
        id: 'pwd-mail',
        type: 'email',
        to: 'pwd@city.example',
        from: 'intake@city.example',
        service_codes: ['pothole'],
        smtp: { host: '127.0.0.1', port: inbox.port },
        timeout_ms: 2000,
      },
    ]);
    remove = cfg.remove;
    w = await startWorker(db, cfg.file, prefix);
  });
  afterEach(async () => {
    await w.stop();
    await inbox.stop();
    await db.close();
    await dropRedisPrefix(prefix);
    remove();
  });

  it('mails the department each change of its cases, threaded, retrying a 4xx and never mailing other codes', async () => {
    inbox.refuse.push(451);
    const out = await w.ctx.intake.submit(smsReport('SM-e1', '+15550006001', 'pothole at 7 Walnut St'));
    await w.ctx.intake.submit(smsReport('SM-e2', '+15550006002', 'graffiti on 3 Ash St'));
    const caseId = out.case!.service_request_id;
    await waitFor(() => inbox.mails.length === 1, 10_000, 'the first mail');
    const [mail] = inbox.mails;
    expect(mail).toMatchObject({ from: 'intake@city.example', to: ['pwd@city.example'] });
    expect(mail.raw).toMatch(new RegExp(`Subject: \\[311 #${caseId}\\] New: Pothole`));
    expect(mail.raw).toContain('pothole at 7 Walnut St');
    expect(mail.raw).not.toContain('+15550006001');
    // The server has the mail before the worker records it: wait for the record (two files at a time, it lagged).
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'the delivery recorded as sent');
    expect((await deliveries(db, caseId))[0]).toMatchObject({ status: 'sent', attempts: 2 });

    await w.ctx.cases.update(caseId, { status: 'closed', status_notes: 'Filled with asphalt' }, 'staff:alice');
    await waitFor(() => inbox.mails.length === 2, 10_000, 'the closing mail');
    expect(inbox.mails[1].raw).toMatch(/Subject: \[311 #\d+\] Closed/);
    expect(inbox.mails[1].raw).toContain('Closing note: Filled with asphalt');
    expect(inbox.mails[1].raw).toMatch(new RegExp(`In-Reply-To: <case-${caseId}@`));
  });

  it('dead-letters a message the server refuses for good (5xx)', async () => {
    inbox.refuse.push(550);
    const out = await w.ctx.intake.submit(smsReport('SM-e3', '+15550006003', 'pothole on 1 Elm St'));
    const caseId = out.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'dead', 10_000, 'the dead letter');
    expect((await deliveries(db, caseId))[0].last_error).toMatch(/550/);
    expect(inbox.mails).toHaveLength(0);
  });
});

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message as the mail server got it (headers and body). */
  raw: string;
}

/**
 * A department's mail server on a local port (smtp-server, the library nodemailer's authors maintain): it keeps every
 * message, and can refuse the next ones with a given SMTP reply code (a 4xx passes, a 5xx is final).
 */
export class SmtpInbox {
  readonly mails: ReceivedMail[] = [];
  readonly refuse: number[] = [];
  private server?: SMTPServer;

  get port(): number {
    return ((this.server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const code = this.refuse.shift();
          if (code) return callback(Object.assign(new Error(`refused by the test (${code})`), { responseCode: code }));
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

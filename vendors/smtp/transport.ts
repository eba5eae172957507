import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentSendError, TransientSendError } from '../../src/errors';

/** Where and how to reach a mail server. */
export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** Longest wait for the connection, the greeting and each reply. */
  timeoutMs: number;
}

/**
 * The server an `smtp://user:pass@host:port` or `smtps://...` URL names (SMTP_URL). Ports default to 587 and 465.
 * Throws naming the setting when it is not such a URL.
 */
export function smtpOptionsFromUrl(url: string, timeoutMs: number, setting = 'SMTP_URL'): SmtpOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`${setting} must be a URL like smtp://user:password@mail.example.org:587`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`${setting} must start with smtp:// or smtps://`);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    pass: u.password ? decodeURIComponent(u.password) : undefined,
    timeoutMs,
  };
}

/** The one way this service builds an SMTP client: the email connector and resident email both use it. */
export function smtpTransport(o: SmtpOptions): Transporter {
  return nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.secure,
    auth: o.user ? { user: o.user, pass: o.pass } : undefined,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
  });
}

/**
 * A send failure as a typed error: SMTP's 5xx replies are final (no such mailbox, refused); 4xx replies and
 * connection failures pass, so they are retried. `recipientGone` marks a 550-class refusal of the address itself.
 * `clean` rewrites the message before it is kept (servers quote the address they refused).
 */
export function smtpSendError(err: unknown, what: string, clean: (text: string) => string = (t) => t): Error {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const message = clean(`${what}: ${e.message ?? String(err)}`);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return new PermanentSendError(message, e.responseCode, e.responseCode === 550 || e.responseCode === 553);
  }
  return new TransientSendError(message, e.responseCode ?? e.code);
}

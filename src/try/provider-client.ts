import crypto from 'node:crypto';
import { twilioSignature } from '../../vendors/twilio/signature';

/** Where simulated provider requests go and how they are signed. */
export interface ProviderClientOptions {
  /** The simulation secret from DATA_DIR: the key the service verifies simulated Twilio and X webhooks with. */
  secret: string;
  /** The service's PUBLIC_BASE_URL: Twilio signs the URL it was configured with, so we sign that too. */
  publicBaseUrl: string;
  /** Where the requests are actually sent (the loopback address of this process, or `simulate --url`). */
  targetBaseUrl: string;
}

/** What the service answered a webhook with. */
export interface ProviderReply {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Plays Twilio's and X's part: builds the same signed webhook requests they send, so the real webhook
 * routes (signature check included) do the work. Used by `/try` and by `simulate` alike.
 */
export class ProviderClient {
  constructor(private readonly options: ProviderClientOptions) {}

  /** POSTs form fields to a Twilio webhook path (e.g. `/channels/sms`), signed as Twilio signs them. */
  async postTwilio(pathWithQuery: string, params: Record<string, string>): Promise<ProviderReply> {
    const signature = twilioSignature(this.options.secret, this.options.publicBaseUrl + pathWithQuery, params);
    return this.post(pathWithQuery, new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
      'user-agent': 'TwilioProxy/1.1 (intake311 simulator)',
    });
  }

  /** POSTs an Account Activity event to the X webhook, signed as X signs it (base64 HMAC-SHA256 of the raw body). */
  async postTwitter(event: unknown): Promise<ProviderReply> {
    const body = JSON.stringify(event);
    const digest = crypto.createHmac('sha256', this.options.secret).update(body, 'utf8').digest('base64');
    return this.post('/channels/twitter/webhook', body, {
      'content-type': 'application/json',
      'x-twitter-webhooks-signature': `sha256=${digest}`,
    });
  }

  private async post(pathWithQuery: string, body: string, headers: Record<string, string>): Promise<ProviderReply> {
    const res = await fetch(this.options.targetBaseUrl + pathWithQuery, { method: 'POST', headers, body });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  }
}

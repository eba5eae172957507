import crypto from 'node:crypto';
import type { SimulatedReply, SimulatorLink } from '../../src/channels/simulator';
import { twilioSignature } from './signature';

/** The account every simulated Twilio request claims to come from (there is no real account in simulated mode). */
export const SIMULATED_ACCOUNT_SID = `AC${'0'.repeat(29)}311`;

/** A Twilio-shaped id: two-letter prefix (`SM`, `CA`, `RE`, `MM`) and 32 hex digits. */
export function twilioSid(prefix: 'SM' | 'MM' | 'CA' | 'RE'): string {
  return prefix + crypto.randomBytes(16).toString('hex');
}

/** POSTs form fields to a Twilio webhook path (e.g. `/channels/sms`), signed as Twilio signs them. */
export function postAsTwilio(link: SimulatorLink, pathWithQuery: string, params: Record<string, string>): Promise<SimulatedReply> {
  const signature = twilioSignature(link.secret, link.publicBaseUrl + pathWithQuery, params);
  return link.post(pathWithQuery, new URLSearchParams(params).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': signature,
    'user-agent': 'TwilioProxy/1.1 (intake311 simulator)',
  });
}

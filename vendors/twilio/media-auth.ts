import type { TwilioConfig } from '../../src/channels/channel';
import { rebaseTwilioUrl } from './client';

/**
 * Twilio's media (MMS pictures, call recordings) sits behind the account's HTTP Basic auth. The URL, rebased onto
 * TWILIO_API_BASE_URL when set, and the header to send, but only for Twilio's own hosts or that configured origin:
 * the credentials never go anywhere else. Undefined for any other URL.
 */
export function twilioMediaRequest(
  twilio: TwilioConfig,
  mediaUrl: string,
): { url: URL; headers: Record<string, string>; configuredOrigin: boolean } | undefined {
  let url: URL;
  try {
    url = new URL(rebaseTwilioUrl(mediaUrl, twilio.apiBaseUrl));
  } catch {
    return undefined;
  }
  const configuredOrigin = twilio.apiBaseUrl !== undefined && url.origin === new URL(twilio.apiBaseUrl).origin;
  const twilioHost = url.protocol === 'https:' && (url.hostname === 'api.twilio.com' || url.hostname.endsWith('.twilio.com'));
  if (!twilioHost && !configuredOrigin) return undefined;
  const headers: Record<string, string> = {};
  if (twilio.mode === 'live') headers.authorization = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;
  return { url, headers, configuredOrigin };
}

import type { Config } from '../../src/channels/channel';
import type { MediaSource } from '../../src/channels/media-source';
import { twilioMediaRequest } from '../../vendors/twilio/media-auth';

/**
 * MMS pictures (MediaUrl0..9) sit on Twilio's API host behind the account's Basic auth. Twilio answers with a
 * redirect to its media storage: the safe fetcher follows it without the credentials, checking the new host.
 */
export function smsMediaSource(config: Pick<Config, 'twilio'>): MediaSource {
  return {
    plan(url) {
      const request = twilioMediaRequest(config.twilio, url);
      return request && { url: request.url.toString(), headers: request.headers, trustedOrigin: request.configuredOrigin };
    },
  };
}

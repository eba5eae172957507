import type { Config } from '../../src/channels/channel';
import type { MediaSource } from '../../src/channels/media-source';

/**
 * Photos in mentions are public files on X's media host; `name=large` asks for the biggest copy X keeps short of the
 * original (up to 2048 px), which is all a case page needs. Fetched as a public URL; only a configured
 * TWITTER_API_BASE_URL (a local fake) is trusted without the address check.
 */
export function twitterMediaSource(config: Pick<Config, 'twitter'>): MediaSource {
  const base = config.twitter.apiBaseUrl ? new URL(config.twitter.apiBaseUrl).origin : undefined;
  return {
    plan(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return undefined;
      }
      if (base && url.origin === base) return { url: url.toString(), headers: {}, trustedOrigin: true };
      if (url.protocol !== 'https:' || !/(^|\.)twimg\.com$/.test(url.hostname)) return undefined;
      if (url.pathname.startsWith('/media/') && !url.searchParams.has('name')) url.searchParams.set('name', 'large');
      return { url: url.toString(), headers: {}, trustedOrigin: false };
    },
  };
}

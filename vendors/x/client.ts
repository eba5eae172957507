import http from 'node:http';
import { type ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';

/** What the X client needs: the city's account credentials and, for tests or proxies, another API host. */
export interface XClientOptions {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
  /** TWITTER_API_BASE_URL: X's own hosts (api.x.com, upload.x.com) when unset. */
  apiBaseUrl?: string;
}

const X_HOSTS = new Set(['api.x.com', 'upload.x.com', 'api.twitter.com', 'upload.twitter.com']);

/**
 * Sends every request the SDK builds for X's hosts to `baseUrl` instead, keeping path and query.
 * It rewrites after the SDK has chosen the body encoding (which it picks from X's own paths), so
 * requests are byte-for-byte what X would get.
 */
function rebase(baseUrl: string): ITwitterApiClientPlugin {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const plainAgent = base.protocol === 'http:' ? new http.Agent({ keepAlive: false }) : undefined;
  return {
    onBeforeRequest({ computedParams, requestOptions }) {
      const url = computedParams.url;
      if (!X_HOSTS.has(url.hostname)) return;
      url.protocol = base.protocol;
      url.host = base.host;
      url.pathname = prefix + url.pathname;
      // The SDK always uses node's https module; an http agent makes it speak plain HTTP to a local server.
      if (plainAgent) requestOptions.agent = plainAgent;
    },
  };
}

/** Builds the twitter-api-v2 client for the city's account (OAuth 1.0a user context). */
export function createXClient(options: XClientOptions): TwitterApi {
  const { appKey, appSecret, accessToken, accessSecret, apiBaseUrl } = options;
  return new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, apiBaseUrl ? { plugins: [rebase(apiBaseUrl)] } : undefined);
}

import type { SimulatorLink } from '../channels/simulator';

/**
 * A link to the service for the channels' simulators: requests go to `targetBaseUrl` (the loopback address of
 * this process, or `simulate --url`) and are signed for `publicBaseUrl`. Used by `/try` and `simulate` alike.
 */
export function simulatorLink(options: { secret: string; publicBaseUrl: string; targetBaseUrl: string }): SimulatorLink {
  return {
    secret: options.secret,
    publicBaseUrl: options.publicBaseUrl,
    async post(pathWithQuery, body, headers) {
      const res = await fetch(options.targetBaseUrl + pathWithQuery, { method: 'POST', headers, body });
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
    },
  };
}

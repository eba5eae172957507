import { SpeechClient } from '@google-cloud/speech';
import { grpc } from 'google-gax';
import type { Config } from '../../src/channels/channel';

/** Options for the SDK's SpeechClient built from GOOGLE_SPEECH_API_ENDPOINT and GOOGLE_APPLICATION_CREDENTIALS. */
export type SpeechClientOptions = NonNullable<ConstructorParameters<typeof SpeechClient>[0]>;

/**
 * How to reach Speech-to-Text. The endpoint may be a bare host (`speech.googleapis.com`, TLS on 443),
 * `https://host[:port]` (TLS), or `http://host:port`: a plaintext gRPC endpoint such as a local emulator
 * or the test fake, which needs no Google credentials (the SDK skips auth when given channel credentials).
 */
export function speechClientOptions(google: Config['google']): SpeechClientOptions {
  const options: SpeechClientOptions = {};
  if (google.credentialsFile) options.keyFilename = google.credentialsFile;
  const endpoint = google.endpoint;
  if (!endpoint) return options;
  if (!/^[a-z]+:\/\//i.test(endpoint)) return { ...options, apiEndpoint: endpoint };
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`GOOGLE_SPEECH_API_ENDPOINT "${endpoint}": use a host name, https://host[:port] or http://host:port`);
  }
  const secure = url.protocol === 'https:';
  return {
    ...options,
    apiEndpoint: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    // A plaintext endpoint has no Google auth in front of it; naming the universe keeps the SDK from
    // looking for Application Default Credentials (which probes the GCE metadata server) on its way there.
    ...(secure ? {} : { sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' }),
  };
}

/** The SDK client, pointed where configuration says. */
export function createSpeechClient(google: Config['google']): SpeechClient {
  return new SpeechClient(speechClientOptions(google));
}

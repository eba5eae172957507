import type { TwilioConfig } from '../../src/channels/channel';
import { PermanentSendError, TransientSendError } from '../../src/errors';
import { twilioMediaRequest } from '../../vendors/twilio/media-auth';

/** How long one download may take: a two-minute recording is about 2 MB. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Fetches a call recording as WAV (RecordingUrl + `.wav`) with the account's Basic auth. The URL comes from a
 * signed webhook, and the credentials are sent only to Twilio's hosts or the configured TWILIO_API_BASE_URL.
 * A 404 is transient: Twilio may still be processing the recording.
 */
export async function downloadRecording(twilio: TwilioConfig, recordingUrl: string): Promise<Buffer> {
  const request = twilioMediaRequest(twilio, `${recordingUrl.replace(/\.(wav|mp3)$/i, '')}.wav`);
  if (!request) throw new PermanentSendError(`voice: recording URL ${hostOf(recordingUrl)} is not Twilio's; refusing to send credentials there`);
  const { url } = request;
  const headers: Record<string, string> = { accept: 'audio/x-wav, audio/wav', ...request.headers };
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (err) {
    throw new TransientSendError(`voice: downloading recording failed: ${(err as Error).message}`);
  }
  if (res.status === 401 || res.status === 403) {
    throw new PermanentSendError(
      `voice: Twilio refused the recording download (${res.status}); check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN`,
      res.status,
    );
  }
  if (!res.ok) throw new TransientSendError(`voice: recording download answered ${res.status}`, res.status);
  return Buffer.from(await res.arrayBuffer());
}

function hostOf(raw: string): string {
  try {
    return `host ${new URL(raw).hostname}`;
  } catch {
    return 'is not a URL and';
  }
}

import type { protos, SpeechClient } from '@google-cloud/speech';
import { PermanentSendError, TransientSendError } from '../../src/errors';
import { readWavFormat, splitWav } from './wav';

/** What Speech-to-Text heard: the words, and its mean confidence (null when it gave none). */
export interface Heard {
  transcript: string;
  confidence: number | null;
}

/** Synchronous recognition takes up to a minute of audio; a little less leaves room for rounding. */
const MAX_SECONDS_PER_REQUEST = 55;
const REQUEST_TIMEOUT_MS = 60_000;
/** gRPC codes that mean the request itself is wrong or unauthorised: retrying cannot help. */
const PERMANENT_CODES = new Set([3, 5, 7, 9, 16]);

/**
 * Transcribes a call recording with Google's telephony model in the caller's language (`languageCode`, the
 * locale's Speech-to-Text code such as `ht-HT`). `phrases` (the
 * catalog's service names) bias recognition towards words callers use. Retrying is the queue's job, so
 * the SDK's own retries are off; errors become PermanentSendError or TransientSendError.
 */
export async function recognize(client: SpeechClient, wav: Buffer, languageCode: string, phrases: string[]): Promise<Heard> {
  const texts: string[] = [];
  const confidences: number[] = [];
  for (const piece of splitWav(wav, MAX_SECONDS_PER_REQUEST)) {
    const format = readWavFormat(piece);
    let response: protos.google.cloud.speech.v1.IRecognizeResponse;
    try {
      [response] = await client.recognize(
        {
          config: {
            encoding: format.encoding,
            sampleRateHertz: format.sampleRateHertz,
            audioChannelCount: format.channels,
            languageCode,
            model: 'telephony',
            enableAutomaticPunctuation: true,
            speechContexts: phrases.length ? [{ phrases }] : [],
          },
          audio: { content: piece },
        },
        { timeout: REQUEST_TIMEOUT_MS, retry: null },
      );
    } catch (err) {
      const code = (err as { code?: number }).code;
      const message = `voice: Speech-to-Text failed: ${(err as Error).message}`;
      throw code !== undefined && PERMANENT_CODES.has(code) ? new PermanentSendError(message, code) : new TransientSendError(message, code);
    }
    for (const result of response.results ?? []) {
      const best = result.alternatives?.[0];
      if (!best?.transcript) continue;
      texts.push(best.transcript.trim());
      if (typeof best.confidence === 'number' && best.confidence > 0) confidences.push(best.confidence);
    }
  }
  const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null;
  return { transcript: texts.join(' ').trim(), confidence };
}

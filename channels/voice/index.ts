import type { ChannelModule } from '../../src/channels/channel';
import { createSpeechClient } from './google-speech';
import { voiceRoutes } from './routes';
import { voiceSimulator } from './simulate';
import { TRANSCRIPTION_QUEUE, TRANSCRIPTION_RETRY, transcriptionHandler } from './transcribe-job';
import { startTranscriptionSweeper } from './transcription-sweeper';
import { voiceDeps } from './voice-deps';

/**
 * The voice channel: a resident dials 311, describes the problem in their own words, confirms the category
 * and address on the keypad, and hears a tracking number. Webhooks answer TwiML; the recording is
 * transcribed by a queued job (Google Speech-to-Text, or Twilio's own recognition without Google).
 */
export const voiceChannel: ChannelModule = {
  name: 'voice',
  routes: (ctx) => voiceRoutes(voiceDeps(ctx)),
  async startWorker(ctx) {
    const client = ctx.config.google.mode === 'live' ? createSpeechClient(ctx.config.google) : undefined;
    ctx.queue.work(TRANSCRIPTION_QUEUE, transcriptionHandler(ctx, client, voiceDeps(ctx).phrases), { concurrency: 4, retry: TRANSCRIPTION_RETRY });
    const sweeper = startTranscriptionSweeper(ctx, { everyMs: ctx.config.voiceTranscriptionSweepSeconds * 1000 });
    return async () => {
      await sweeper.stop();
      await client?.close();
    };
  },
  simulator: voiceSimulator,
};

declare module '../../src/domain/types' {
  interface ChannelNames {
    voice: true;
  }
}

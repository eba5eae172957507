import type { CallSimulator } from '../../src/channels/simulator';
import { VoiceCall } from './simulated-call';

/** A resident calling the city's number: Twilio's signed voice webhooks, the TwiML answers read out as text. */
export const voiceSimulator: CallSimulator = {
  style: 'call',
  slug: 'voice',
  words: { title: 'Phone call', nav: 'Call', doing: 'Calling', vendor: 'Twilio', device: 'phone', example: "There's a pothole on Main Street" },
  maxLength: 1000,
  // The voice channel follows up by text message to the number that called (see its routes).
  repliesOn: 'sms',
  profile: (config) => ({ live: config.twilio.mode === 'live', city: { address: config.twilio.phoneNumber } }),
  liveSecret: (config) => (config.twilio.mode === 'live' ? config.twilio.authToken : undefined),
  dial: (link, city, from) => new VoiceCall(link, from, city.address),
};

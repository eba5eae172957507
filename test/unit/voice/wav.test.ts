import { textable } from '../../../channels/voice/caller-number';
import { speechClientOptions } from '../../../channels/voice/google-speech';
import { readWavFormat, splitWav, wavFile } from '../../../channels/voice/wav';

describe('WAV handling for Speech-to-Text', () => {
  const format = { encoding: 'LINEAR16' as const, sampleRateHertz: 8000, channels: 1 };

  it('reads the encoding and rate Twilio recordings have', () => {
    expect(readWavFormat(wavFile(format, Buffer.alloc(1600)))).toEqual(format);
    expect(readWavFormat(wavFile({ encoding: 'MULAW', sampleRateHertz: 8000, channels: 2 }, Buffer.alloc(10)))).toEqual({
      encoding: 'MULAW',
      sampleRateHertz: 8000,
      channels: 2,
    });
  });

  it('refuses what is not WAV, saying so', () => {
    expect(() => readWavFormat(Buffer.from('{"code":20404}'))).toThrow('recording: not a WAV file');
  });

  it('splits a two-minute recording into requests of at most 55 s, keeping every sample', () => {
    const samples = Buffer.alloc(120 * 8000 * 2, 7);
    const pieces = splitWav(wavFile(format, samples), 55);
    expect(pieces).toHaveLength(3);
    const seconds = pieces.map((p) => (p.length - 44) / 16000);
    expect(seconds).toEqual([55, 55, 10]);
    for (const p of pieces) expect(readWavFormat(p)).toEqual(format);
  });

  it('leaves a short recording as it is (byte for byte)', () => {
    const wav = wavFile(format, Buffer.alloc(8000));
    expect(splitWav(wav, 55)[0]).toBe(wav);
  });
});

describe('Speech-to-Text endpoint', () => {
  it('uses plaintext gRPC and no Google auth for an http:// endpoint', () => {
    const o = speechClientOptions({ mode: 'live', endpoint: 'http://127.0.0.1:9999' });
    expect(o).toMatchObject({ apiEndpoint: '127.0.0.1', port: 9999 });
    expect(o.sslCreds).toBeDefined();
  });

  it('uses TLS for a host name or https:// endpoint, with the credentials file', () => {
    expect(speechClientOptions({ mode: 'live', endpoint: 'eu-speech.googleapis.com', credentialsFile: '/secrets/sa.json' })).toEqual({
      apiEndpoint: 'eu-speech.googleapis.com',
      keyFilename: '/secrets/sa.json',
    });
    expect(speechClientOptions({ mode: 'live', endpoint: 'https://speech.example:8443' })).toEqual({ apiEndpoint: 'speech.example', port: 8443 });
  });

  it('names the variable when the endpoint is unusable', () => {
    expect(() => speechClientOptions({ mode: 'live', endpoint: 'ftp://x' })).toThrow('GOOGLE_SPEECH_API_ENDPOINT');
  });
});

describe('who can get text updates', () => {
  it('offers SMS only to a real number, not a withheld caller id', () => {
    expect(textable('+16175550142')).toBe(true);
    for (const from of ['anonymous', 'Restricted', '+266696687', '+7378742833', '', '6175550142']) expect(textable(from)).toBe(false);
  });
});

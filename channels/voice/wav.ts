/** What a WAV header says about its audio, in the terms Speech-to-Text asks for. */
export interface WavFormat {
  encoding: 'LINEAR16' | 'MULAW';
  sampleRateHertz: number;
  channels: number;
}

/**
 * Reads a RIFF/WAVE header (the `fmt ` chunk). Twilio serves recordings as 16-bit PCM WAV; µ-law WAV is
 * accepted too. Throws, naming what is wrong, for anything Speech-to-Text could not take as WAV.
 */
export function readWavFormat(audio: Buffer): WavFormat {
  if (audio.length < 12 || audio.toString('ascii', 0, 4) !== 'RIFF' || audio.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('recording: not a WAV file (no RIFF/WAVE header)');
  }
  let offset = 12;
  while (offset + 8 <= audio.length) {
    const id = audio.toString('ascii', offset, offset + 4);
    const size = audio.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 24 <= audio.length) {
      const format = audio.readUInt16LE(offset + 8);
      const channels = audio.readUInt16LE(offset + 10);
      const sampleRateHertz = audio.readUInt32LE(offset + 12);
      const bits = audio.readUInt16LE(offset + 22);
      if (format === 1 && bits === 16) return { encoding: 'LINEAR16', sampleRateHertz, channels };
      if (format === 7 && bits === 8) return { encoding: 'MULAW', sampleRateHertz, channels };
      throw new Error(`recording: WAV format ${format} with ${bits}-bit samples is not supported; expected 16-bit PCM or 8-bit µ-law`);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('recording: WAV file has no fmt chunk');
}

/**
 * Splits 16-bit PCM or µ-law WAV audio into WAV files of at most `maxSeconds` each, because synchronous
 * Speech-to-Text takes at most one minute of audio per request. Audio that fits is returned unchanged.
 */
export function splitWav(audio: Buffer, maxSeconds: number): Buffer[] {
  const format = readWavFormat(audio);
  const data = findChunk(audio, 'data');
  const bytesPerSample = (format.encoding === 'LINEAR16' ? 2 : 1) * format.channels;
  const chunkBytes = Math.floor(maxSeconds * format.sampleRateHertz) * bytesPerSample;
  if (data.length <= chunkBytes) return [audio];
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += chunkBytes) pieces.push(wavFile(format, data.subarray(at, at + chunkBytes)));
  return pieces;
}

function findChunk(audio: Buffer, wanted: string): Buffer {
  let offset = 12;
  while (offset + 8 <= audio.length) {
    const id = audio.toString('ascii', offset, offset + 4);
    const size = audio.readUInt32LE(offset + 4);
    if (id === wanted) return audio.subarray(offset + 8, Math.min(audio.length, offset + 8 + size));
    offset += 8 + size + (size % 2);
  }
  throw new Error(`recording: WAV file has no ${wanted} chunk`);
}

/** A minimal WAV file around raw samples. */
export function wavFile(format: WavFormat, samples: Buffer): Buffer {
  const bits = format.encoding === 'LINEAR16' ? 16 : 8;
  const blockAlign = (bits / 8) * format.channels;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(format.encoding === 'LINEAR16' ? 1 : 7, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRateHertz, 24);
  header.writeUInt32LE(format.sampleRateHertz * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

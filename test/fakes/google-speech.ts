import crypto from 'node:crypto';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** What the fake saw in one Recognize call, decoded. */
export interface RecognizeCall {
  /** The request's config, with the phrase hints flattened out of its speech contexts. */
  config: Omit<RecognizeRequest['config'], 'speechContexts'> & { phrases: string[] };
  audioSha256: string;
  audioBytes: number;
}

/** A transcript the fake returns for one audio, per language code. */
export interface FakeTranscript {
  transcript: string;
  confidence: number;
}

const PROTO_ROOT = path.dirname(require.resolve('@google-cloud/speech/package.json'));

/** The SHA-256 of audio bytes: how tests register what the fake should "hear". */
export function audioKey(audio: Buffer): string {
  return crypto.createHash('sha256').update(audio).digest('hex');
}

/**
 * A local Google Speech-to-Text (v1 `Recognize`) over plaintext gRPC, built from the API's own .proto files,
 * so the real `@google-cloud/speech` client's request encoding and error decoding run in tests.
 * It "recognises" audio by looking up the SHA-256 of the bytes it was sent; unknown audio gets an empty
 * result, as silence does on the real service. It can be told to fail the next calls with a gRPC status.
 */
export class FakeGoogleSpeech {
  readonly calls: RecognizeCall[] = [];
  private readonly transcripts = new Map<string, FakeTranscript>();
  private failures: Array<{ code: grpc.status; message: string }> = [];
  private server?: grpc.Server;
  private port = 0;

  /** `http://127.0.0.1:PORT`: the value for GOOGLE_SPEECH_API_ENDPOINT. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The fake will "hear" `transcript` when sent exactly these bytes in `languageCode`. */
  register(audio: Buffer, languageCode: string, result: FakeTranscript): void {
    this.transcripts.set(`${languageCode}:${audioKey(audio)}`, result);
  }

  /** The next `times` calls fail with this gRPC status (e.g. grpc.status.UNAVAILABLE). */
  failNext(times: number, code: grpc.status = grpc.status.UNAVAILABLE, message = 'fake outage'): void {
    this.failures.push(...Array.from({ length: times }, () => ({ code, message })));
  }

  async start(): Promise<this> {
    const definition = protoLoader.loadSync('google/cloud/speech/v1/cloud_speech.proto', {
      includeDirs: [path.join(PROTO_ROOT, 'build/protos'), path.resolve(path.dirname(require.resolve('google-gax')), '../protos')],
      keepCase: false,
      longs: Number,
      enums: String,
      defaults: true,
    });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      google: { cloud: { speech: { v1: { Speech: { service: grpc.ServiceDefinition } } } } };
    };
    this.server = new grpc.Server();
    this.server.addService(loaded.google.cloud.speech.v1.Speech.service, {
      recognize: (call: grpc.ServerUnaryCall<RecognizeRequest, unknown>, done: grpc.sendUnaryData<unknown>) => this.recognize(call.request, done),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server!.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
    );
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    server.forceShutdown();
  }

  private recognize(request: RecognizeRequest, done: grpc.sendUnaryData<unknown>): void {
    const audio = Buffer.from(request.audio?.content ?? Buffer.alloc(0));
    const config = request.config ?? ({} as RecognizeRequest['config']);
    this.calls.push({
      config: {
        encoding: config.encoding,
        sampleRateHertz: config.sampleRateHertz,
        languageCode: config.languageCode,
        model: config.model,
        useEnhanced: config.useEnhanced,
        phrases: (config.speechContexts ?? []).flatMap((c) => c.phrases ?? []),
      },
      audioSha256: audioKey(audio),
      audioBytes: audio.length,
    });
    const failure = this.failures.shift();
    if (failure) return done({ code: failure.code, details: failure.message });
    if (!config.languageCode) return done({ code: grpc.status.INVALID_ARGUMENT, details: 'RecognitionConfig.language_code is required' });
    if (audio.length === 0) return done({ code: grpc.status.INVALID_ARGUMENT, details: 'RecognitionAudio is empty' });
    const heard = this.transcripts.get(`${config.languageCode}:${audioKey(audio)}`);
    done(null, {
      results: heard
        ? [{ alternatives: [{ transcript: heard.transcript, confidence: heard.confidence }], languageCode: config.languageCode.toLowerCase() }]
        : [],
      requestId: Date.now(),
    });
  }
}

interface RecognizeRequest {
  config: {
    encoding: string;
    sampleRateHertz: number;
    languageCode: string;
    model: string;
    useEnhanced: boolean;
    speechContexts?: Array<{ phrases?: string[] }>;
  };
  audio?: { content?: Uint8Array };
}

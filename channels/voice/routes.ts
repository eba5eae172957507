import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import type { Language } from '../../src/domain/classifier';
import { verifyTwilio } from '../twilio/signature';
import { inTransaction, type UnitOfWork } from '../../src/storage/unit-of-work';
import { hasSomethingToFile } from './call-report';
import { loadCall, saveCall, withCall, type CallState } from './call-state';
import { addressConfirmStep, addressStep, describedStep, languageStep, recordedStep, streetStep, type CallParams } from './call-steps';
import { categoryChoice, categoryStep } from './category-step';
import { fileCall } from './file-call';
import { PROMPTS } from './prompts';
import { finishRecording, listCallRecordings, upsertRecording } from './recordings-repo';
import { enqueueTranscription } from './transcribe-job';
import { Screens, VOICE_PATHS } from './twiml';
import { twiml, type StepResult, type VoiceDeps } from './voice-deps';

type Step = (d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, params: CallParams) => StepResult | Promise<StepResult>;

/** Call statuses after which Twilio sends no more steps for the call. */
const CALL_OVER = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * Placeholders Twilio puts in From for withheld caller ids: they spell ANONYMOUS, RESTRICTED, UNAVAILABLE,
 * UNKNOWN and BLOCKED on a keypad and must never be texted.
 */
const WITHHELD = new Set(['+266696687', '+7378742833', '+86282452253', '+8656696', '+2562533']);

/** A number we can text: E.164 and not a withheld caller id ("anonymous" and the like). */
export function textable(from: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(from) && !WITHHELD.has(from);
}

/**
 * The voice webhooks. Each verifies Twilio's signature first, then does one short transaction on the call's
 * row and answers TwiML: no speech recognition or other slow work happens here (that is the queued job).
 */
export function voiceRoutes(d: VoiceDeps): Router {
  const router = express.Router();
  const verified = [express.urlencoded({ extended: false, limit: '64kb' }), verifyTwilio(d.ctx.twilioSigningSecret, d.ctx.config.publicBaseUrl)];
  const post = (path: string, ...handlers: RequestHandler[]) => router.post(path, ...verified, ...handlers);

  post(VOICE_PATHS.incoming, callBudget(d), step(d, (dd, _uow, _sid, state, params) => {
    state.from = params.From ?? state.from;
    return twiml(dd.screens.greeting());
  }));
  post(VOICE_PATHS.language, step(d, (dd, _uow, _sid, state, params) => languageStep(dd, state, params)));
  post(VOICE_PATHS.recorded, step(d, recordedStep));
  post(VOICE_PATHS.described, step(d, describedStep));
  post(VOICE_PATHS.address, step(d, addressStep));
  post(VOICE_PATHS.street, step(d, streetStep));
  post(VOICE_PATHS.addressConfirm, step(d, addressConfirmStep));
  post(VOICE_PATHS.category, step(d, (dd, uow, sid, state) => categoryStep(dd, uow, sid, state)));
  post(VOICE_PATHS.categoryChoice, step(d, (dd, _uow, _sid, state, params) => categoryChoice(dd, state, params.Digits ?? '')));
  post(VOICE_PATHS.updates, step(d, updatesStep));
  post(VOICE_PATHS.recording, recordingCallback(d));
  post(VOICE_PATHS.status, statusCallback(d));
  router.use(VOICE_PATHS.incoming, callFailed(d));
  return router;
}

/** Calls per calling number (RATE_LIMIT_CALLS), counted when a call comes in: over it, a short message and a hang-up. */
function callBudget(d: VoiceDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const budget = await d.ctx.limits.hit('calls', (req.body as CallParams).From ?? '');
      if (budget.allowed) return next();
      sendTwiml(res, d.screens.sayAndHangUp('tooManyCalls'));
    } catch (err) {
      next(err);
    }
  };
}

/** The callbacks whose answer Twilio does not play to the caller. */
const CALLBACKS: readonly string[] = [VOICE_PATHS.recording, VOICE_PATHS.status];

/**
 * A step that failed (the database down or too slow, a bug) must still answer TwiML: without it the caller
 * hears Twilio's "application error". They hear "try again in a few minutes" in their language, if the
 * call got that far, and the call ends. Bad requests (4xx) are left to the app's handler.
 */
function callFailed(d: VoiceDeps): ErrorRequestHandler {
  return (err, req, res, next) => {
    const status = (err as { status?: number }).status;
    if (res.headersSent || (status && status >= 400 && status < 500)) return next(err);
    d.ctx.log.error({ err, path: req.path }, 'voice: webhook failed');
    if (CALLBACKS.includes(req.originalUrl.split('?')[0])) {
      res.status(503).type('text/plain').send('voice: could not record the callback just now');
      return;
    }
    sendTwiml(res, d.screens.sayAndHangUp('tryLater', res.locals.callLanguage as Language | undefined));
  };
}

function callSidOf(req: Request): string | undefined {
  const sid = (req.body as CallParams).CallSid;
  return sid && /^[A-Za-z0-9]{10,64}$/.test(sid) ? sid : undefined;
}

function sendTwiml(res: express.Response, doc: string): void {
  res.status(200).type('text/xml').send(doc);
}

/** Runs a call step; when it asks for the call to be filed, files it and reads the tracking number. */
function step(d: VoiceDeps, fn: Step): RequestHandler {
  return async (req, res, next) => {
    try {
      const params = req.body as CallParams;
      const callSid = callSidOr400(req, res);
      if (!callSid) return;
      const { result, state } = await withCall(d.ctx, callSid, params.From ?? '', async (s, uow) => {
        // The caller has chosen a language once past the greeting and the language menu.
        if (req.path !== VOICE_PATHS.incoming && req.path !== VOICE_PATHS.language) res.locals.callLanguage = s.language;
        const r = await fn(d, uow, callSid, s, params);
        if (params.CallStatus && CALL_OVER.has(params.CallStatus)) s.ended = true;
        return { result: r, state: { ...s } };
      });
      if ('twiml' in result) {
        if (state.ended && !state.caseId) await fileCall(d.ctx, callSid, 'hung_up', params);
        return sendTwiml(res, result.twiml);
      }
      const caseId = await fileCall(d.ctx, callSid, result.file, params);
      const lang = state.language;
      if (caseId === undefined) return sendTwiml(res, d.screens.goodbye(lang, [PROMPTS[lang].goodbye]));
      sendTwiml(res, d.screens.tracking(lang, caseId, textable(state.from), result.preface));
    } catch (err) {
      next(err);
    }
  };
}

/** "Press 1 for updates by text message": the calling number follows the case on SMS. */
async function updatesStep(d: VoiceDeps, uow: UnitOfWork, _callSid: string, state: CallState, params: CallParams): Promise<StepResult> {
  const p = PROMPTS[state.language];
  if (params.Digits === '1' && state.caseId && textable(state.from)) {
    await d.ctx.cases.follow(uow, state.caseId, { channel: 'sms', address: state.from, language: state.language });
    return twiml(d.screens.goodbye(state.language, [p.willText, p.goodbye]));
  }
  return twiml(d.screens.goodbye(state.language, [p.goodbye]));
}

/**
 * Recording status callback: the file is ready (queue its transcription, once per RecordingSid) or there
 * is none. A call that has already ended is filed now if this recording is the first thing it left.
 */
/** The request's CallSid; or, when missing or malformed, answers 400 naming it and returns undefined. */
function callSidOr400(req: Request, res: express.Response): string | undefined {
  const callSid = callSidOf(req);
  if (!callSid) res.status(400).type('text/plain').send('voice: missing or malformed CallSid field');
  return callSid;
}

function recordingCallback(d: VoiceDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const params = req.body as CallParams;
      const callSid = callSidOf(req);
      const recordingSid = params.RecordingSid;
      if (!callSid || !recordingSid) {
        res.status(400).type('text/plain').send('voice: recording callback needs CallSid and RecordingSid fields');
        return;
      }
      const ready = params.RecordingStatus === 'completed';
      const ended = await inTransaction(d.ctx.db, async (uow) => {
        const { state, known } = await loadCall(uow, callSid);
        await upsertRecording(uow.tx, {
          recordingSid,
          callSid,
          url: ready ? params.RecordingUrl : undefined,
          durationSeconds: params.RecordingDuration ? Number(params.RecordingDuration) : undefined,
          language: state.language,
        });
        if (!ready) await finishRecording(uow.tx, recordingSid, { status: 'failed', error: `recording ${params.RecordingStatus ?? 'missing'}`, engine: 'none' });
        return known && state.ended && !state.caseId;
      });
      if (ready) await enqueueTranscription(d.ctx, recordingSid);
      if (ended) await fileCall(d.ctx, callSid, 'hung_up', params);
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  };
}

/** Call status callback: a caller who hangs up after describing the problem still gets a case. */
function statusCallback(d: VoiceDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const params = req.body as CallParams;
      const callSid = callSidOr400(req, res);
      if (!callSid) return;
      if (params.CallStatus && CALL_OVER.has(params.CallStatus)) {
        const fileNow = await inTransaction(d.ctx.db, async (uow) => {
          const { state, known } = await loadCall(uow, callSid);
          if (!known) return false;
          state.ended = true;
          await saveCall(uow, callSid, state);
          return !state.caseId && hasSomethingToFile(state, await listCallRecordings(uow.tx, callSid));
        });
        if (fileNow) await fileCall(d.ctx, callSid, 'hung_up', params);
      }
      res.status(200).type('text/xml').send(Screens.empty());
    } catch (err) {
      next(err);
    }
  };
}

import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import type { Language } from '../../src/domain/classifier';
import { verifyTwilio } from '../../vendors/twilio/signature';
import type { CallParams, Step } from './call-decision';
import { readCallParams } from './call-params';
import { runStep, type StepRun } from './call-runner';
import { addressConfirmStep, addressStep, describedStep, incomingStep, languageStep, recordedStep, streetStep, updatesStep } from './call-steps';
import { callStatusStep, lastStepAware, recordingStatusStep } from './callback-steps';
import { textable } from './caller-number';
import { categoryChoiceStep, categoryStep } from './category-step';
import { prompts } from './prompts';
import { VOICE_PATHS } from './twiml';
import type { VoiceDeps } from './voice-deps';

/**
 * The voice webhooks. Each verifies Twilio's signature first, then runs one pure step in one short transaction
 * on the call's row and answers TwiML: no speech recognition or other slow work happens here (that is the queued job).
 */
export function voiceRoutes(d: VoiceDeps): Router {
  const router = express.Router();
  const verified = [
    express.urlencoded({ extended: false, limit: '64kb' }),
    verifyTwilio(d.ctx.twilioSigningSecret, d.ctx.config.publicBaseUrl),
    readCallParams(),
  ];
  const post = (path: string, ...handlers: RequestHandler[]) => router.post(path, ...verified, ...handlers);
  post(VOICE_PATHS.incoming, callBudget(d), handle(d, lastStepAware(incomingStep), callSidOr400));
  const steps: Array<[string, Step]> = [
    [VOICE_PATHS.language, languageStep],
    [VOICE_PATHS.recorded, recordedStep],
    [VOICE_PATHS.described, describedStep],
    [VOICE_PATHS.address, addressStep],
    [VOICE_PATHS.street, streetStep],
    [VOICE_PATHS.addressConfirm, addressConfirmStep],
    [VOICE_PATHS.category, categoryStep],
    [VOICE_PATHS.categoryChoice, categoryChoiceStep],
    [VOICE_PATHS.updates, updatesStep],
  ];
  // The address steps look the caller's words up before deciding, so the read-back is the address as the city writes it.
  const hearsPlace: readonly string[] = [VOICE_PATHS.address, VOICE_PATHS.street];
  for (const [path, step] of steps) post(path, handle(d, lastStepAware(step), callSidOr400, hearsPlace.includes(path)));
  post(VOICE_PATHS.recording, handle(d, recordingStatusStep, recordingSidsOr400));
  post(VOICE_PATHS.status, handle(d, callStatusStep, callSidOr400));
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

/** The request's CallSid; or, when missing or malformed, answers 400 naming it and returns undefined. */
function callSidOr400(req: Request, res: express.Response): string | undefined {
  const callSid = callSidOf(req);
  if (!callSid) res.status(400).type('text/plain').send('voice: missing or malformed CallSid field');
  return callSid;
}

/** The recording callback's CallSid, when it also carries a RecordingSid; otherwise answers 400 naming both. */
function recordingSidsOr400(req: Request, res: express.Response): string | undefined {
  const callSid = callSidOf(req);
  if (callSid && (req.body as CallParams).RecordingSid) return callSid;
  res.status(400).type('text/plain').send('voice: recording callback needs CallSid and RecordingSid fields');
  return undefined;
}

/** Runs a step for the webhook's call and answers what it decided. */
function handle(d: VoiceDeps, step: Step, sidOr400: (req: Request, res: express.Response) => string | undefined, hearsPlace = false): RequestHandler {
  return async (req, res, next) => {
    try {
      const callSid = sidOr400(req, res);
      if (!callSid) return;
      // The caller has chosen a language once past the greeting and the language menu: an apology is then in it.
      const known = req.path !== VOICE_PATHS.incoming && req.path !== VOICE_PATHS.language;
      const seen = (language: Language) => {
        if (known) res.locals.callLanguage = language;
      };
      reply(d, res, await runStep(d, callSid, req.body as CallParams, step, seen, hearsPlace));
    } catch (err) {
      next(err);
    }
  };
}

function reply(d: VoiceDeps, res: express.Response, { decision, caseId }: StepRun): void {
  const r = decision.reply;
  if (r.kind === 'none') {
    res.status(204).end();
    return;
  }
  sendTwiml(res, r.kind === 'twiml' ? r.twiml : trackingTwiml(d, decision, caseId, r.preface));
}

/** The tracking number of the case just filed, or goodbye when the call had nothing to file. */
function trackingTwiml(d: VoiceDeps, decision: StepRun['decision'], caseId: number | undefined, preface: string[]): string {
  // A tracking reply always comes with the call's next state (fileAndRead).
  const state = decision.state!;
  const lang = state.language;
  if (caseId === undefined) return d.screens.goodbye(lang, [prompts(d.locales, lang).goodbye]);
  return d.screens.tracking(lang, caseId, textable(state.from), preface);
}

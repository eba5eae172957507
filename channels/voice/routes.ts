import express, { type Request, type RequestHandler, type Router } from 'express';
import { verifyTwilio } from '../../vendors/twilio/signature';
import type { CallParams, Step } from './call-decision';
import { runStep, type StepRun } from './call-runner';
import { callStatusStep, lastStepAware, recordingStatusStep } from './callback-steps';
import { textable } from './caller-number';
import { addressConfirmStep, addressStep, describedStep, incomingStep, languageStep, recordedStep, streetStep, updatesStep } from './call-steps';
import { categoryChoiceStep, categoryStep } from './category-step';
import { readCallParams } from './call-params';
import { PROMPTS } from './prompts';
import { VOICE_PATHS } from './twiml';
import type { VoiceDeps } from './voice-deps';

/**
 * The voice webhooks. Each verifies Twilio's signature first, then runs one pure step in one short transaction
 * on the call's row and answers TwiML: no speech recognition or other slow work happens here (that is the queued job).
 */
export function voiceRoutes(d: VoiceDeps): Router {
  const router = express.Router();
  const verified = [express.urlencoded({ extended: false, limit: '64kb' }), verifyTwilio(d.ctx.twilioSigningSecret, d.ctx.config.publicBaseUrl), readCallParams()];
  const post = (path: string, handler: RequestHandler) => router.post(path, ...verified, handler);
  post(VOICE_PATHS.incoming, handle(d, lastStepAware(incomingStep), callSidOr400));
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
  for (const [path, step] of steps) post(path, handle(d, lastStepAware(step), callSidOr400));
  post(VOICE_PATHS.recording, handle(d, recordingStatusStep, recordingSidsOr400));
  post(VOICE_PATHS.status, handle(d, callStatusStep, callSidOr400));
  return router;
}

function callSidOf(req: Request): string | undefined {
  const sid = (req.body as CallParams).CallSid;
  return sid && /^[A-Za-z0-9]{10,64}$/.test(sid) ? sid : undefined;
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
function handle(d: VoiceDeps, step: Step, sidOr400: (req: Request, res: express.Response) => string | undefined): RequestHandler {
  return async (req, res, next) => {
    try {
      const callSid = sidOr400(req, res);
      if (!callSid) return;
      reply(d, res, await runStep(d, callSid, req.body as CallParams, step));
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
  const doc = r.kind === 'twiml' ? r.twiml : trackingTwiml(d, decision, caseId, r.preface);
  res.status(200).type('text/xml').send(doc);
}

/** The tracking number of the case just filed, or goodbye when the call had nothing to file. */
function trackingTwiml(d: VoiceDeps, decision: StepRun['decision'], caseId: number | undefined, preface: string[]): string {
  // A tracking reply always comes with the call's next state (fileAndRead).
  const state = decision.state!;
  const lang = state.language;
  if (caseId === undefined) return d.screens.goodbye(lang, [PROMPTS[lang].goodbye]);
  return d.screens.tracking(lang, caseId, textable(state.from), preface);
}

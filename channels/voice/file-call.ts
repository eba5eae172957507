import type { AppContext } from '../../src/context';
import { getCase, updateCase } from '../../src/storage/cases-repo';
import { insertEvent } from '../../src/storage/events-repo';
import type { UnitOfWork } from '../../src/storage/unit-of-work';
import { reportAction, transcriptAmendment, type CallOutcome } from './call-report';
import type { CallState } from './call-state';
import { loadCall, saveCall } from './call-store';
import type { RecordingFacts } from './recordings-repo';
import type { VoiceDeps } from './voice-deps';

/** Thrown inside the filing transaction to roll back its claim on the CallSid: a later callback may have more. */
class NothingToFile extends Error {
  override name = 'NothingToFile';
}

/**
 * Files the call as a case, once per CallSid however many callbacks ask (the caller confirming, a hang-up's
 * status callback, a late recording callback). Returns the tracking number, or undefined when the call left
 * nothing to file (yet). The caller hears the number in TwiML, so intake sends no separate acknowledgement.
 */
export async function fileCall(d: VoiceDeps, callSid: string, outcome: CallOutcome, raw: unknown): Promise<number | undefined> {
  try {
    return await fileOnce(d, callSid, outcome, raw);
  } catch (err) {
    if (err instanceof NothingToFile) return undefined;
    throw err;
  }
}

async function fileOnce(d: VoiceDeps, callSid: string, outcome: CallOutcome, raw: unknown): Promise<number | undefined> {
  const { ctx } = d;
  const { result } = await ctx.intake.once<{ case_id: number }>('voice', callSid, raw, async (uow) => {
    const call = await loadCall(uow, callSid);
    const action = reportAction(d, callSid, call, outcome, raw);
    if (!action) throw new NothingToFile();
    const filed = await ctx.intake.submitInTransaction(uow, action.report, { acknowledgedInline: action.options.acknowledgedInline, subscribe: action.options.subscriber !== null });
    const caseId = filed.case.service_request_id;
    await saveCall(uow, callSid, { ...call.state, caseId });
    ctx.log.info({ callSid, caseId, outcome, engine: action.report.details?.transcript_engine }, 'voice: call filed');
    return { result: { case_id: caseId }, caseId };
  });
  return result.case_id;
}

/**
 * A transcript that arrived after the case was filed (the caller hung up, or left a message): the case gets
 * the words, the engine and confidence, and fresh suggestions; a case filed under the default category is
 * recategorised when the classifier is confident, unless the caller chose its category.
 */
export async function applyLateTranscript(ctx: AppContext, uow: UnitOfWork, state: CallState, recordings: readonly RecordingFacts[]): Promise<void> {
  if (!state.caseId) return;
  const c = await getCase(uow.tx, state.caseId, true);
  if (!c) return;
  const change = transcriptAmendment(ctx, state, recordings);
  await updateCase(uow.tx, c.service_request_id, {
    description: change.description ?? c.description,
    details: { ...c.details, ...change.details },
    classification: change.suggestions ? { version: ctx.classifier.version, suggestions: change.suggestions.slice(0, 3) } : c.classification,
  });
  await insertEvent(uow.tx, c.service_request_id, 'updated', 'system:voice', { transcript_engine: change.details.transcript_engine }, false);
  const best = change.suggestions?.[0]?.service_code;
  const defaultCode = ctx.catalog.defaultServiceCode;
  if (change.recategorise && c.service_code === defaultCode && best && best !== defaultCode && ctx.classifier.isConfident(change.suggestions ?? [])) {
    await ctx.cases.updateInTransaction(uow, c.service_request_id, { service_code: best }, 'system:voice-transcription');
  }
}

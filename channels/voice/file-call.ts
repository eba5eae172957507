import type { AppContext } from '../../src/context';
import { getCase, updateCase } from '../../src/storage/cases-repo';
import { insertEvent } from '../../src/storage/events-repo';
import type { UnitOfWork } from '../../src/storage/unit-of-work';
import { MAX_DESCRIPTION } from '../../src/domain/types';
import { loadCall, saveCall, type CallState } from './call-state';
import { callReport, callText, hasSomethingToFile, transcriptDetails, type CallOutcome } from './call-report';
import { listCallRecordings, type VoiceRecording } from './recordings-repo';

/** Thrown inside the filing transaction to roll back its claim on the CallSid: a later callback may have more. */
class NothingToFile extends Error {}

/**
 * Files the call as a case, once per CallSid however many callbacks ask (the caller confirming, a hang-up's
 * status callback, a late recording callback). Returns the tracking number, or undefined when the call left
 * nothing to file (yet). The caller hears the number in TwiML, so intake sends no separate acknowledgement.
 */
export async function fileCall(ctx: AppContext, callSid: string, outcome: CallOutcome, raw: unknown): Promise<number | undefined> {
  try {
    return await fileOnce(ctx, callSid, outcome, raw);
  } catch (err) {
    if (err instanceof NothingToFile) return undefined;
    throw err;
  }
}

async function fileOnce(ctx: AppContext, callSid: string, outcome: CallOutcome, raw: unknown): Promise<number | undefined> {
  const { result } = await ctx.intake.once<{ case_id: number }>('voice', callSid, raw, async (uow) => {
    const { state, known } = await loadCall(uow, callSid);
    const recordings = await listCallRecordings(uow.tx, callSid);
    if (!known || (outcome === 'hung_up' && !hasSomethingToFile(state, recordings))) throw new NothingToFile();
    const report = callReport(ctx, callSid, state, recordings, outcome, raw);
    const filed = await ctx.intake.submitInTransaction(uow, report, { acknowledgedInline: true, subscribe: false });
    state.caseId = filed.case.service_request_id;
    await saveCall(uow, callSid, state);
    ctx.log.info({ callSid, caseId: state.caseId, outcome, engine: report.details?.transcript_engine }, 'voice: call filed');
    return { result: { case_id: state.caseId }, caseId: state.caseId };
  });
  return result.case_id;
}

/**
 * A transcript that arrived after the case was filed (the caller hung up, or left a message): the case gets
 * the words, the engine and confidence, and fresh suggestions; a case filed under the default category is
 * recategorised when the classifier is confident, unless the caller chose its category.
 */
export async function applyLateTranscript(ctx: AppContext, uow: UnitOfWork, state: CallState, recordings: VoiceRecording[]): Promise<void> {
  if (!state.caseId) return;
  const c = await getCase(uow.tx, state.caseId, true);
  if (!c) return;
  const heard = callText(state, recordings);
  const suggestions = heard.text ? ctx.classifier.classify(heard.text, { language: state.language }) : [];
  await updateCase(uow.tx, c.service_request_id, {
    description: heard.text.slice(0, MAX_DESCRIPTION) || c.description,
    details: { ...c.details, ...transcriptDetails(heard, recordings) },
    classification: suggestions.length ? { version: ctx.classifier.version, suggestions: suggestions.slice(0, 3) } : c.classification,
  });
  await insertEvent(uow.tx, c.service_request_id, 'updated', 'system:voice', { transcript_engine: heard.engine }, false);
  const best = suggestions[0]?.service_code;
  const defaultCode = ctx.catalog.defaultServiceCode;
  if (!state.categoryConfirmed && c.service_code === defaultCode && best && best !== defaultCode && ctx.classifier.isConfident(suggestions)) {
    await ctx.cases.updateInTransaction(uow, c.service_request_id, { service_code: best }, 'system:voice-transcription');
  }
}

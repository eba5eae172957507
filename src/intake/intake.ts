import type { CaseSummary, InboundPort, ReportOptions } from '../channels/port';
import type { Suggestion } from '../domain/classifier';
import type { InboundReport } from '../domain/types';
import { InputError } from '../errors';

/** What became of a report: a new case, or a link to an open case of the same kind nearby. */
export interface IntakeOutcome {
  kind: 'created' | 'linked';
  case: CaseSummary;
  suggestions: Suggestion[];
  /** True when this was a redelivery of a message already handled: nothing new was written. */
  replayed: boolean;
}

/**
 * A report that needs no conversation (a test's, the simulator's), through the one intake path: idempotent on
 * (channel, provider message id), so the same report delivered ten times, even at once, yields one case.
 */
export async function submitReport(inbound: InboundPort, report: InboundReport, options: ReportOptions = {}): Promise<IntakeOutcome> {
  const { outcome, replayed } = await inbound.handle(
    { channel: report.channel, providerMessageId: report.providerMessageId, raw: report.raw },
    () => ({ reply: null, action: { kind: 'report', report, options } }),
  );
  if (outcome.kind !== 'created' && outcome.kind !== 'linked') {
    throw new InputError(`${report.channel}: message ${report.providerMessageId} was already handled without creating a case`, 'providerMessageId');
  }
  return { kind: outcome.kind, case: outcome.case, suggestions: outcome.suggestions, replayed };
}

/** The core's handle on intake for callers that hold a whole report. */
export class Intake {
  constructor(private readonly inbound: InboundPort) {}

  submit(report: InboundReport, options: ReportOptions = {}): Promise<IntakeOutcome> {
    return submitReport(this.inbound, report, options);
  }
}

import type { AppContext } from '../../src/context';
import type { Language } from '../../src/domain/classifier';
import { getContact, setContactLanguage, setOptOut, type Contact } from '../../src/storage/contacts-repo';
import { deleteConversation, loadConversation, saveConversation, type Conversation } from '../../src/storage/conversations-repo';
import type { UnitOfWork } from '../../src/storage/unit-of-work';
import { followReply, statusReply } from './commands';
import { advance, prompt, start, type ConversationDeps, type Decision, type SmsState } from './conversation';
import { toInboundReport, type InboundSms } from './inbound';
import { isEmergency, normalize, parseKeyword, type Keyword } from './keywords';
import { messages } from './messages';

/** What we answered to one inbound message; stored by `once`, so a redelivery gets the very same answer. */
export interface SmsReply {
  replies: string[];
}

interface Step {
  result: SmsReply;
  caseId?: number;
}

const say = (...replies: Array<string | undefined>): Step => ({ result: { replies: replies.filter((r): r is string => Boolean(r)) } });

/** Twilio's Advanced Opt-Out tells us when it handled a keyword itself; otherwise we read the words. */
function keywordOf(sms: InboundSms): Keyword | undefined {
  if (sms.optOutType === 'STOP') return { kind: 'opt_out' };
  if (sms.optOutType === 'START') return { kind: 'opt_in', word: 'start' };
  if (sms.optOutType === 'HELP') return { kind: 'help' };
  return parseKeyword(sms.body);
}

/** A Spanish message switches the conversation to Spanish; a short reply ("1", "ok") is too little to judge by. */
function writtenLanguage(ctx: AppContext, text: string): Language | undefined {
  const t = normalize(text);
  if (t === 'si') return 'es';
  if (t.split(' ').length < 3) return undefined;
  return ctx.classifier.detectLanguage(text) === 'es' ? 'es' : undefined;
}

function isExpired(ctx: AppContext, convo: Conversation<SmsState> | undefined): boolean {
  if (!convo) return false;
  return Date.now() - new Date(convo.updated_at).getTime() > ctx.config.conversationTimeoutMinutes * 60_000;
}

/**
 * Handles one inbound text, exactly once per MessageSid: keywords first (opt-out, emergency, help, status,
 * follow, reset, language), then the report conversation. Returns the texts to answer with in TwiML.
 */
export async function handleInboundSms(ctx: AppContext, sms: InboundSms): Promise<SmsReply & { replayed: boolean }> {
  const { result, replayed } = await ctx.intake.once<SmsReply>('sms', sms.messageSid, sms.raw, (uow) => respond(ctx, uow, sms));
  return { replies: result.replies, replayed };
}

async function respond(ctx: AppContext, uow: UnitOfWork, sms: InboundSms): Promise<Step> {
  const { tx } = uow;
  const phone = sms.from;
  const contact: Contact | undefined = await getContact(tx, 'sms', phone);
  const keyword = keywordOf(sms);
  if (keyword?.kind === 'opt_out') {
    // Twilio confirms the opt-out itself and would block anything we sent, so we answer nothing.
    await setOptOut(tx, 'sms', phone, true);
    await deleteConversation(tx, 'sms', phone);
    return say();
  }
  const optedOut = contact?.opted_out ?? false;
  if (keyword?.kind === 'opt_in' && (keyword.word !== 'yes' || optedOut)) {
    await setOptOut(tx, 'sms', phone, false);
    return say(messages(contact?.language ?? 'en').optedIn);
  }
  // An opted-out phone is never messaged (Twilio would refuse anyway) until it texts START.
  if (optedOut) return say();

  const convo = await loadConversation<SmsState>(tx, 'sms', phone);
  const expired = isExpired(ctx, convo);
  const active = expired ? undefined : convo?.state;
  const written = writtenLanguage(ctx, sms.body);
  // A Spanish keyword (AYUDA, ESTADO) means Spanish; English ones (HELP, STOP) are what everyone is taught, so they say nothing.
  const keywordLanguage = keyword?.kind === 'language' ? keyword.language : keyword && 'language' in keyword && keyword.language === 'es' ? 'es' : undefined;
  const language: Language = keywordLanguage ?? written ?? active?.language ?? contact?.language ?? 'en';
  if (written && written !== contact?.language) await setContactLanguage(tx, 'sms', phone, written);
  const m = messages(language);

  if (isEmergency(sms.body)) return say(m.emergency);
  const deps: ConversationDeps = { classifier: ctx.classifier, catalog: ctx.catalog };
  switch (keyword?.kind) {
    case 'help':
      return say(m.help);
    case 'status':
      return say(await statusReply(ctx, uow, phone, keyword.caseId, language));
    case 'follow':
      return say(await followReply(ctx, uow, phone, keyword.caseId, language));
    case 'reset':
      await deleteConversation(tx, 'sms', phone);
      return say(m.reset);
    case 'language': {
      await setContactLanguage(tx, 'sms', phone, language);
      if (!active || active.step === 'done') return say(m.languageSet);
      const switched = { ...active, language };
      await saveConversation(tx, 'sms', phone, switched);
      return say(m.languageSet, prompt(deps, switched));
    }
  }

  const turn = { text: sms.body, media: sms.media };
  const timedOut = expired && convo!.state.step !== 'done';
  if (timedOut && !turn.media.length && /^(\d{1,2}|yes|no|si|ok|y|n)$/.test(normalize(sms.body))) {
    // An answer to a question asked too long ago: we no longer know what it answers.
    await deleteConversation(tx, 'sms', phone);
    return say(m.timedOutAnswer);
  }
  const decision = active ? advance(deps, { ...active, language }, turn) : start(deps, language, turn);
  const step = await apply(ctx, uow, sms, decision);
  return timedOut ? { ...step, result: { replies: [m.timedOut, ...step.result.replies] } } : step;
}

async function apply(ctx: AppContext, uow: UnitOfWork, sms: InboundSms, decision: Decision): Promise<Step> {
  const phone = sms.from;
  switch (decision.kind) {
    case 'ask':
      await saveConversation(uow.tx, 'sms', phone, decision.state);
      return say(decision.reply);
    case 'attach': {
      await ctx.cases.comment(uow, decision.caseId, 'sms', decision.text, decision.media);
      const convo = await loadConversation<SmsState>(uow.tx, 'sms', phone);
      await saveConversation(uow.tx, 'sms', phone, convo!.state);
      return say(messages(convo!.state.language).photoAdded(decision.caseId));
    }
    case 'submit': {
      const s = decision.state;
      const report = toInboundReport(sms, {
        text: s.text,
        media: s.media,
        location: s.location,
        address: s.address,
        language: s.language,
        serviceCode: s.serviceCode,
      });
      const outcome = await ctx.intake.submitInTransaction(uow, report, { acknowledgedInline: true });
      const id = outcome.case.service_request_id;
      await saveConversation<SmsState>(uow.tx, 'sms', phone, { step: 'done', language: s.language, text: '', media: [], caseId: id });
      const m = messages(s.language);
      const name = ctx.catalog.name(outcome.case.service_code, s.language);
      return { result: { replies: [outcome.kind === 'created' ? m.created(id, name) : m.linked(id, name)] }, caseId: id };
    }
  }
}

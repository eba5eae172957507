import { fill, publicStrings } from '../../src/channels/web';
import type { Language } from '../../src/domain/classifier';
import type { NotificationKind } from '../../src/domain/types';

/** One email to a resident: the notification's text, then how to stop hearing of this case. */
export interface ResidentEmail {
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * The email for one notification. `text` is the message as every channel words it; the unsubscribe link is the
 * signed one for this subscription, also offered to mail clients as RFC 8058 one-click unsubscribe.
 */
export function residentEmail(kind: NotificationKind, caseId: number, language: Language, text: string, unsubscribe?: string): ResidentEmail {
  const t = publicStrings(language).email;
  const subject = fill(kind === 'case_closed' ? t.subjectClosed : kind === 'case_opened' ? t.subjectOpened : t.subjectUpdate, { id: caseId });
  const lines = [text, ''];
  if (unsubscribe) lines.push(t.unsubscribe, unsubscribe);
  return {
    subject,
    text: lines.join('\n'),
    headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  };
}

import type { CaseStatus } from '../domain/types';

/** The words of every notification in one language. Kept apart from layout so a translator edits one file. */
export interface Phrases {
  status: Record<CaseStatus, string>;
  /** `service` is undefined for the catalog's catch-all, which is never named to the resident. */
  opened(id: string, service: string | undefined): string;
  /** Said after `opened` when the resident did not answer the category question and we chose for them. */
  guessed: string;
  at(address: string): string;
  track(link: string): string;
  statusChanged(id: string, service: string, status: string): string;
  closed(id: string, service: string): string;
  notes(text: string): string;
  photo(url: string): string;
  thanks: string;
  alreadyReported(id: string, service: string): string;
  willTellYou: string;
  following(id: string, service: string): string;
  /** Said after `following` when the case is already closed, instead of `willTellYou`. */
  willTellIfReopened: string;
  feedOpened(id: string, service: string): string;
  feedClosed(id: string, service: string): string;
  near(address: string): string;
  /** Leads a staff member's reply, so the resident knows which report it is about. */
  replyAbout(id: string): string;
}

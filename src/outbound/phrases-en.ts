import type { Phrases } from './phrases';

export const en: Phrases = {
  replyAbout: (id) => `About your report #${id}:`,
  status: { open: 'open', in_progress: 'in progress', closed: 'closed' },
  opened: (id, service) => (service ? `Thanks! Your ${service} report is case #${id}.` : `Thanks! Your report is case #${id}.`),
  guessed: 'No answer came, so we chose the closest category.',
  at: (address) => `Location: ${address}.`,
  track: (link) => `Track it: ${link}`,
  statusChanged: (id, service, status) => `Update on case #${id} (${service}): it is now ${status}.`,
  closed: (id, service) => `Case #${id} (${service}) has been closed.`,
  notes: (text) => `Notes: ${text}`,
  photo: (url) => `Photo: ${url}`,
  thanks: 'Thank you for reporting it.',
  alreadyReported: (id, service) => `Thanks! This was already reported as case #${id} (${service}).`,
  willTellYou: "We'll let you know when it's fixed.",
  following: (id, service) => `You're following #${id} (${service}).`,
  willTellIfReopened: "It is already closed; we'll let you know if it reopens.",
  feedOpened: (id, service) => `New report: ${service}, case #${id}`,
  feedClosed: (id, service) => `Closed: ${service}, case #${id}`,
  near: (address) => `near ${address}.`,
};

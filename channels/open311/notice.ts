import type { Language } from '../../src/domain/classifier';

/** The service_notice a POST answers with: the tracking number, whether it was already reported, and how updates come. */
export function serviceNotice(kind: 'created' | 'linked', id: number, lang: Language, bySms: boolean): string {
  if (lang === 'es') {
    const first = kind === 'linked' ? `Este problema ya fue reportado como #${id}.` : `Gracias. Su número de seguimiento es #${id}.`;
    return `${first} ${bySms ? 'Le enviaremos un mensaje de texto cuando se resuelva.' : `Consulte #${id} para ver novedades.`}`;
  }
  const first = kind === 'linked' ? `This was already reported as #${id}.` : `Thank you. Your tracking number is #${id}.`;
  return `${first} ${bySms ? "We'll text you when it's fixed." : `Check #${id} for updates.`}`;
}

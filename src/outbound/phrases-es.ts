import type { Phrases } from './phrases';

export const es: Phrases = {
  replyAbout: (id) => `Sobre su reporte #${id}:`,
  status: { open: 'abierto', in_progress: 'en proceso', closed: 'cerrado' },
  opened: (id, service) => (service ? `¡Gracias! Su reporte de ${service} es el caso #${id}.` : `¡Gracias! Su reporte es el caso #${id}.`),
  guessed: 'Sin respuesta, elegimos la categoría más cercana.',
  at: (address) => `Lugar: ${address}.`,
  track: (link) => `Sígalo en: ${link}`,
  statusChanged: (id, service, status) => `Novedad del caso #${id} (${service}): ahora está ${status}.`,
  closed: (id, service) => `El caso #${id} (${service}) fue cerrado.`,
  notes: (text) => `Notas: ${text}`,
  photo: (url) => `Foto: ${url}`,
  thanks: 'Gracias por reportarlo.',
  alreadyReported: (id, service) => `¡Gracias! Esto ya fue reportado como el caso #${id} (${service}).`,
  willTellYou: 'Le avisaremos cuando esté resuelto.',
  following: (id, service) => `Ahora sigue el caso #${id} (${service}).`,
  willTellIfReopened: 'Ya está cerrado; le avisaremos si se reabre.',
  feedOpened: (id, service) => `Nuevo reporte: ${service}, caso #${id}`,
  feedClosed: (id, service) => `Cerrado: ${service}, caso #${id}`,
  near: (address) => `cerca de ${address}.`,
};

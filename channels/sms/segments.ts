/**
 * How many SMS segments a text takes. Texts in the GSM 03.38 alphabet fit 160 characters in one segment
 * (153 per segment when split); anything else (á, í, ó, ú, emoji) is sent as UCS-2: 70, or 67 when split.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters that take two septets (an escape and the character). */
const GSM_EXTENDED = '^{}\\[~]|€';

export function smsSegments(text: string): number {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else return ucs2Segments(text);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

function ucs2Segments(text: string): number {
  // UCS-2 counts UTF-16 code units: an emoji is two.
  const units = text.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

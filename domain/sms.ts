import { SegmentedMessage } from 'sms-segments-calculator';

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

/**
 * The GSM 03.38 default alphabet's basic table (3GPP TS 23.038 §6.2.1; the escape excepted): each
 * character one septet, so a text of only these up to 160 characters is one GSM-7 segment.
 */
export const gsmBasic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const plainGsm = new RegExp(`^[${gsmBasic.replace(/[\\\]^-]/g, '\\$&')}]*$`);
const han = /\p{Script=Han}/u;

/** How an SMS body is carried: GSM-7 (160 a segment) or UCS-2 (70), as Twilio counts it. */
export function segmentInfo(text: string): SegmentInfo {
  // The common messages, without the per-grapheme walk: plain GSM-7 up to 160 (a dunning reminder's ¥ is plain), Chinese up to 70 UTF-16 units.
  if (text.length <= 160 && plainGsm.test(text)) return { encoding: 'GSM-7', segments: 1 };
  if (text.length <= 70 && han.test(text)) return { encoding: 'UCS-2', segments: 1 };
  const message = new SegmentedMessage(text, 'auto');
  return { encoding: message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: message.segmentsCount };
}

const fitsOne = (text: string) => segmentInfo(text).segments <= 1;

/**
 * SMS cost is a stated concern: a reply longer than one segment is sent as several one-segment
 * messages, split on line boundaries, else between words, never inside a number.
 */
export function splitForSms(text: string): string[] {
  // 70 UTF-16 units fit one segment in any encoding: the common case needs no counting.
  if (text.length <= 70 || fitsOne(text)) return [text];
  const parts: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    const candidate = current ? current + separator + piece : piece;
    if (fitsOne(candidate)) return void (current = candidate);
    if (current) parts.push(current);
    current = piece;
  };
  for (const line of text.split('\n')) {
    if (fitsOne(line)) push(line, '\n');
    else line.split(' ').forEach((word, i) => push(word, i === 0 ? '\n' : ' '));
  }
  if (current) parts.push(current);
  return parts;
}

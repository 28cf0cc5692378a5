/**
 * Reading the values of answers written as text: dates and amounts. One reader for the chat (an answer
 * typed after the bot's question) and the cards (a stage form's fields, a political decision's meeting
 * date), so "1/9/2026" or "1 500 000 kr" mean the same wherever they are written. Pure.
 */
import { isCalendarDate } from './answers';

/**
 * A calendar date as ISO (YYYY-MM-DD, what Input.Date sends) or as Norwegians write it: 1.9.2026,
 * 01.09.2026, 1/9/2026, 01/09/2026 (day first). Undefined for anything else or a day that does not exist.
 */
export function readCalendarDate(raw: string): string | undefined {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const nordic = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : nordic ? [nordic[3], nordic[2], nordic[1]] : undefined;
  if (!parts) return undefined;
  const date = `${parts[0]}-${(parts[1] ?? '').padStart(2, '0')}-${(parts[2] ?? '').padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

/** Words for a million or a billion after an amount, as people write them ("1,2 mill.", "3 mrd"). */
const SCALES: readonly { word: RegExp; exponent: number }[] = [
  { word: /(?:milliarder|milliard|mrd\.?|billions?|bn)$/i, exponent: 9 },
  { word: /(?:millioner|millions?|mill\.?|mln\.?|mio\.?)$/i, exponent: 6 },
];

/**
 * Reads a number written the Norwegian or the English way: "1 500 000", "1500000", "1,5", "1.5",
 * "1.500.000", "1,500,000", "1 500 000,50", "1500,-", "kr 2 000", "300 000 kroner", and in millions or
 * billions: "1,2 mill", "1,2 mill.", "1,2 millioner kr", "NOK 1.2 million", "3 mrd" (1 200 000 and
 * 3 000 000 000, exactly). Spaces (also non-breaking) group thousands. A single comma followed by exactly
 * three digits ("1,500") is refused as ambiguous: in Norwegian it is one and a half, in English fifteen
 * hundred, and a budget must not be misread by a factor of a thousand. A single point is always a
 * decimal point: that is what number inputs send.
 */
export function parseLocaleNumber(raw: string): { number: number } | { problem: 'unreadable' | 'ambiguous' } {
  let text = raw
    .trim()
    .replace(/[\s\u00a0\u202f\u2009']/g, '')
    .replace(/\u2212/g, '-')
    .replace(/^(?:kr\.?|nok)/i, '')
    .replace(/(?:kroner|kr\.?|nok|,-|\.-)$/i, '');
  const scale = SCALES.find((s) => s.word.test(text));
  const exponent = scale?.exponent ?? 0;
  if (scale) text = text.replace(scale.word, '');
  if (text === '') return { problem: 'unreadable' };
  if (scale === undefined && /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i.test(text)) return finite(Number(text));
  const sign = text.startsWith('-') ? -1 : 1;
  text = text.replace(/^[+-]/, '');
  if (!/^[\d.,]+$/.test(text) || !/^\d/.test(text)) return { problem: 'unreadable' };
  const commas = (text.match(/,/g) ?? []).length;
  const points = (text.match(/\./g) ?? []).length;
  let normalised: string;
  if (commas > 0 && points > 0) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole = '', fraction = '', ...rest] = text.split(decimal);
    if (rest.length > 0 || !isGrouped(whole, group)) return { problem: 'unreadable' };
    normalised = `${whole.split(group).join('')}.${fraction}`;
  } else if (commas > 1 || points > 1) {
    const group = commas > 1 ? ',' : '.';
    if (!isGrouped(text, group)) return { problem: 'unreadable' };
    normalised = text.split(group).join('');
  } else if (commas === 1) {
    if (/^[1-9]\d{0,2},\d{3}$/.test(text)) return { problem: 'ambiguous' };
    normalised = text.replace(',', '.');
  } else {
    normalised = text;
  }
  if (!/^\d+(?:\.\d+)?$/.test(normalised)) return { problem: 'unreadable' };
  // "1.1e6" is read exactly; 1.1 * 1e6 would not be (1100000.0000000002).
  return finite(sign * Number(`${normalised}e${exponent}`));
}

function isGrouped(text: string, group: string): boolean {
  const parts = text.split(group);
  return (
    parts.length === 1 ||
    (/^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((part) => /^\d{3}$/.test(part)))
  );
}

function finite(value: number): { number: number } | { problem: 'unreadable' } {
  return Number.isFinite(value) ? { number: value } : { problem: 'unreadable' };
}

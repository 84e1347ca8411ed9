import Nzh from 'nzh';

/** How quantities are written in the message language: digits or Chinese numerals, with a measure word or without. */

/** The characters of a Chinese numeral (`十二`, `两`, `一百`). */
export const hanDigits = '零〇一二两三四五六七八九十百千万';
/** Chinese measure words, which may follow a quantity: `5台`, `五个`. */
export const hanMeasures = '台个件只箱套部盒瓶';
const hanNumeral = new RegExp(`^[${hanDigits}]+$`);
const measured = new RegExp(`(?<=.)[${hanMeasures}]$`);

/** A whole positive number written in digits or Chinese numerals, with or without its measure word (`12`, `十二`, `两`, `5台`); null otherwise. */
export function parseQuantity(token: string): number | null {
  const number = token.replace(measured, '');
  if (/^\d+$/.test(number)) return Number(number) > 0 ? Number(number) : null;
  if (!hanNumeral.test(number)) return null;
  const value = Number(Nzh.cn.decodeS(number.replace(/两/g, '二').replace(/〇/g, '零')));
  return Number.isInteger(value) && value > 0 ? value : null;
}

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in E.164, or null when it is not a valid number.
 * National forms are read in the default country: `13800000001` and `+86 138 0000 0001` are one person.
 */
export function toE164(raw: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

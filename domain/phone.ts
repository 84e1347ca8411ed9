import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { memoized } from './memo';

/**
 * A phone number in E.164, or null when it is not a valid number.
 * National forms are read in the default country: `13800000001` and `+86 138 0000 0001` are one person.
 * Every webhook's sender is read so; the last 10,000 answers are kept (parsing is most of a webhook's own work).
 */
export const toE164: (raw: string, defaultCountry: CountryCode) => string | null = memoized(
  (raw, defaultCountry) => `${defaultCountry} ${raw}`,
  (raw, defaultCountry) => {
    const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
    return parsed && parsed.isPossible() ? parsed.number : null;
  },
  10_000,
);

/**
 * The prefix SMS-pumping fraud runs through: the country calling code and the next three digits
 * (`+86139…` → `+86139`, `+1212…` → `+1212`). An address that is no phone number is its own prefix.
 */
export function numberPrefix(address: string): string {
  const parsed = parsePhoneNumberFromString(address);
  return parsed ? `+${parsed.countryCallingCode}${parsed.nationalNumber.slice(0, 3)}` : address;
}

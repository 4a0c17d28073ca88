/**
 * Country codes at the public API's edge: Vigil holds ISO 3166 alpha-3 (`FRA`), INTERPOL's public
 * API speaks alpha-2 (`FR`). Filters accept either; answers give alpha-2.
 */
import { isCountryCode } from '../../platform/agencies/countries.js';
import { normaliseCountry } from '../../screening/person-match.js';

const alpha2ByAlpha3: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const alpha2 = String.fromCharCode(a, b);
      // UK is an alias of GB, not a code of its own.
      if (alpha2 === 'UK') continue;
      const alpha3 = normaliseCountry(alpha2);
      if (alpha3 !== undefined && !table.has(alpha3)) table.set(alpha3, alpha2);
    }
  }
  return table;
})();

/** `FRA` → `FR`; a code with no alpha-2 is given as it is. */
export function alpha2Of(alpha3: string): string {
  return alpha2ByAlpha3.get(alpha3) ?? alpha3;
}

/** A filter value (`FR`, `fr`, `FRA`) as Vigil's alpha-3; undefined when it is not a country code. */
export function countryFromFilter(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (upper.length === 2 && upper !== 'UK') return normaliseCountry(upper);
  if (upper.length === 3 && isCountryCode(upper)) return upper;
  return undefined;
}

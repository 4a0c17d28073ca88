/**
 * Country codes at the public side's edge: Vigil holds ISO 3166 alpha-3 (`FRA`); INTERPOL's public
 * API and the runtime's region names (Intl) speak alpha-2 (`FR`). Filters accept either. The
 * alpha-3 → alpha-2 map is built once from the screening module's alpha-2 table.
 */
import { countryCodes } from '../../platform/agencies/countries.js';
import { normaliseCountry } from '../../screening/person-match.js';

function buildAlpha2(): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const alpha2 = String.fromCharCode(a, b);
      // UK is an alias of GB, not a code of its own.
      if (alpha2 === 'UK') continue;
      const alpha3 = normaliseCountry(alpha2);
      if (alpha3 !== undefined && countryCodes.has(alpha3) && !map.has(alpha3)) map.set(alpha3, alpha2);
    }
  }
  return map;
}

/** ISO alpha-3 → alpha-2 for every officially assigned country. */
export const alpha2ByAlpha3: ReadonlyMap<string, string> = buildAlpha2();
const alpha3ByAlpha2: ReadonlyMap<string, string> = new Map([...alpha2ByAlpha3].map(([a3, a2]) => [a2, a3]));

/** `FRA` → `FR`; a code with no alpha-2 is given as it is. */
export function alpha2Of(alpha3: string): string {
  return alpha2ByAlpha3.get(alpha3) ?? alpha3;
}

/** An alpha-3 code for an alpha-3 or alpha-2 code (any case: `FR`, `fr`, `FRA`); undefined when neither. */
export function countryCodeOf(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (countryCodes.has(upper)) return upper;
  return alpha3ByAlpha2.get(upper);
}

/**
 * Advertised member counts (pure): numbers written with any thousands separator ("63,021",
 * "63 000", "63.021", "1.2k"), and the generic phrasings forums use ("63,021 members",
 * "Users: 63 000", "Registered users = 12345"). Counts of people online ("12 members online",
 * "Members online: 12") are not member counts and are skipped.
 *
 *   findMemberCount('Forum statistics · 63,021 members · 12 members online'); // 63021
 */

/** Counts above this are not member counts (a phone number, a date run together). */
const maxCount = 10_000_000_000;

const number = String.raw`(\d(?:[\d.,'\u00a0\u202f ]{0,15}\d)?)\s?([km](?![a-z]))?`;
const countBefore = new RegExp(
  String.raw`(?<![\w.,])${number}\s?(?:registered |total |active )?(?:members|users|subscribers|accounts)\b(?! ?(?:online|browsing|here|viewing|active))`,
  'gi',
);
const countAfter = new RegExp(
  String.raw`(?<!online )(?:total |registered |active )?(?:members|users|subscribers|accounts)(?: count| total)? ?[:=]\s?${number}`,
  'gi',
);

/** The first number in a text, with separators removed and k/M suffixes applied; undefined when none or absurd. */
export function parseCount(text: string): number | undefined {
  const match = new RegExp(number, 'i').exec(text);
  if (match === null) return undefined;
  return countOf(match[1]!, match[2]);
}

function countOf(digits: string, suffix: string | undefined): number | undefined {
  let value: number;
  if (suffix !== undefined) {
    // "1.2k", "1,2k": the only separator is a decimal mark.
    const decimal = digits.replace(/[\s'\u00a0\u202f]/g, '').replace(',', '.');
    value = Math.round(Number.parseFloat(decimal) * (suffix.toLowerCase() === 'k' ? 1_000 : 1_000_000));
  } else {
    value = Number.parseInt(digits.replace(/\D/g, ''), 10);
  }
  return Number.isFinite(value) && value >= 0 && value <= maxCount ? value : undefined;
}

/** The member count a page advertises in its visible text (collapsed), or undefined: the largest generic match. */
export function findMemberCount(text: string): number | undefined {
  let best: number | undefined;
  for (const pattern of [countBefore, countAfter]) {
    let seen = 0;
    for (const match of text.matchAll(pattern)) {
      const value = countOf(match[1]!, match[2]);
      if (value !== undefined && (best === undefined || value > best)) best = value;
      if ((seen += 1) >= 100) break;
    }
  }
  return best;
}

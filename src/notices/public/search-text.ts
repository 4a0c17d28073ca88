/** Text folded for public search: lower case, accents removed, so "José" is found by "jose". */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

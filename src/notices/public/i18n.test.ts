import { describe, expect, it } from 'vitest';
import { noticeTypes, publicLanguages, sexes } from '../notice-model.js';
import { bestLanguage, messages, noticeTypeTexts, pluralMessages, sexNames, t, textDirection, tn, type MessageKey } from './i18n.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('i18n', () => {
  const keys = Object.keys(messages.en) as MessageKey[];

  it.each(publicLanguages)('%s has every message, non-empty, with the same placeholders as English', (lang) => {
    expect(Object.keys(messages[lang]).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const text = messages[lang][key];
      expect(text.trim(), `${lang}.${key}`).not.toBe('');
      expect(placeholders(text), `${lang}.${key}`).toEqual(placeholders(messages.en[key]));
    }
  });

  it.each(publicLanguages)('%s translates (not a copy of English) nearly every message', (lang) => {
    if (lang === 'en') return;
    // Words that are the same in both languages (Photos, Page, Messages, Alias, units).
    const same = keys.filter((key) => messages[lang][key] === messages.en[key]);
    expect(same.length, same.join(', ')).toBeLessThanOrEqual(6);
  });

  it.each(publicLanguages)('%s has a form for every plural category of the language', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, forms] of Object.entries(pluralMessages[lang])) {
      for (const category of categories) expect(forms[category], `${lang}.${key}.${category}`).toBeTruthy();
      // No form the language never uses.
      expect(Object.keys(forms).sort(), `${lang}.${key}`).toEqual([...categories].sort());
    }
  });

  it.each(publicLanguages)('%s names every notice type and sex', (lang) => {
    for (const type of noticeTypes) {
      expect(noticeTypeTexts[lang][type].name.trim()).not.toBe('');
      expect(noticeTypeTexts[lang][type].meaning.trim()).not.toBe('');
    }
    for (const sex of sexes) expect(sexNames[lang][sex].trim()).not.toBe('');
  });

  it('fills placeholders and picks plural forms by the language rules', () => {
    expect(t('en', 'pageOf', { page: 2, pages: 9 })).toBe('Page 2 of 9');
    expect(tn('en', 'resultCount', 1)).toBe('1 notice found');
    expect(tn('en', 'resultCount', 1234)).toBe('1,234 notices found');
    expect(tn('fr', 'resultCount', 0)).toBe('0 notice trouvée');
    expect(tn('ar', 'resultCount', 0)).toBe('لا توجد نشرات');
    expect(tn('ar', 'resultCount', 2)).toBe('نشرتان');
    expect(tn('ar', 'resultCount', 5)).toBe('5 نشرات');
    expect(tn('ar', 'ageYears', 30)).toBe('30 سنة');
  });

  it('puts a no-break space before French high punctuation', () => {
    expect(t('fr', 'tipHeading')).toBe('Vous avez des informations\u00a0?');
    expect(messages.fr.invalidField).toBe('«\u00a0{field}\u00a0»\u00a0: {problem}.');
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(publicLanguages.filter((l) => l !== 'ar').map(textDirection)).toEqual(['ltr', 'ltr', 'ltr']);
  });

  it('chooses the best language from Accept-Language by weight, then order; English otherwise', () => {
    expect(bestLanguage(undefined)).toBe('en');
    expect(bestLanguage('')).toBe('en');
    expect(bestLanguage('de-DE,de;q=0.9')).toBe('en');
    expect(bestLanguage('es-MX,es;q=0.9,en;q=0.5')).toBe('es');
    expect(bestLanguage('de;q=1, ar-EG;q=0.8, fr;q=0.9')).toBe('fr');
    expect(bestLanguage('AR')).toBe('ar');
    expect(bestLanguage('fr;q=0, en;q=0.1')).toBe('en');
    expect(bestLanguage('*')).toBe('en');
  });
});

/**
 * A small, fast language guess for page text (pure): the dominant script decides for scripts used
 * by one language (Arabic, Han, kana, Hangul, Hebrew, Greek, Thai, Devanagari); for Latin and
 * Cyrillic text, frequent function words are counted per language. Returns a BCP-47 primary
 * language subtag, or null when the text is too short or too mixed to say.
 *
 *   detectLanguage('Le poste est en bon état et il fonctionne très bien'); // 'fr'
 */

const stopWords: Record<string, string> = {
  en: 'the and of to is in that it for you was with on are this have be not but they from what or my at has will can would there their about which your an we if just all do',
  fr: 'le la les des est et un une du que qui pas pour dans sur avec ce il elle je nous vous sont mais au aux ont cette très été être fait comme plus tout ou mon',
  es: 'el la los las de que y en un una es por con para no se del al lo como pero más está son muy hay también fue esta este todo ya porque mi',
  de: 'der die das und ist nicht ein eine zu den mit von sich auf für dem ich es auch wir sie sind wird bei noch aber oder wie nur hat kann schon mein',
  it: 'il lo la gli le di che è e un una per non sono della del nel con ma come anche più questo molto ho hai ha alla dei se perché cosa mio',
  pt: 'o a os as de que e do da em um uma para com não no na por mais se dos das é como mas ao ele ela foi tem você muito são isso está meu',
  nl: 'de het een en van ik te dat die is niet op zijn met voor maar er ook aan als bij nog wat wel hebben heeft naar worden deze kan jij we zo geen',
  pl: 'i w nie na się z że do to jest jak o co ale po tak za od jego już czy tylko przez może bardzo są być mam',
  sv: 'och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan när',
  tr: 've bir bu da de için ile çok ne daha gibi ama olarak var ben sen mi en kadar sonra değil her',
  ru: 'и в не на я что он с как а то это по но они мы к у из за вы так же от было все его только для уже есть бы',
  uk: 'і в не на що я з як це та до він але ми ви так же від був все його тільки для вже є щоб ще які',
};

const latinLanguages = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'pl', 'sv', 'tr'];
const cyrillicLanguages = ['ru', 'uk'];

/** word → the languages that use it. */
const wordIndex = new Map<string, string[]>();
for (const [language, words] of Object.entries(stopWords)) {
  for (const word of words.split(' ')) wordIndex.set(word, [...(wordIndex.get(word) ?? []), language]);
}

type Script = 'latin' | 'cyrillic' | 'arabic' | 'han' | 'kana' | 'hangul' | 'hebrew' | 'greek' | 'thai' | 'devanagari' | 'other';

function scriptOf(code: number): Script | undefined {
  if (code < 0x41) return undefined;
  if (code <= 0x7a) return code >= 0x61 || code <= 0x5a ? 'latin' : undefined;
  if (code < 0xc0) return undefined;
  if (code <= 0x24f) return code === 0xd7 || code === 0xf7 ? undefined : 'latin';
  if (code >= 0x370 && code <= 0x3ff) return 'greek';
  if (code >= 0x400 && code <= 0x52f) return 'cyrillic';
  if (code >= 0x590 && code <= 0x5ff) return 'hebrew';
  if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x750 && code <= 0x77f)) return 'arabic';
  if (code >= 0x900 && code <= 0x97f) return 'devanagari';
  if (code >= 0xe00 && code <= 0xe7f) return 'thai';
  if (code >= 0x1e00 && code <= 0x1eff) return 'latin';
  if (code >= 0x3040 && code <= 0x30ff) return 'kana';
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return 'han';
  if (code >= 0xac00 && code <= 0xd7af) return 'hangul';
  return 'other';
}

const singleLanguageScripts: Partial<Record<Script, string>> = {
  arabic: 'ar',
  hebrew: 'he',
  greek: 'el',
  thai: 'th',
  devanagari: 'hi',
  hangul: 'ko',
};

/** Characters examined: the start of the page says enough. */
const sampleChars = 8_000;

/** The BCP-47 language of a text, or null when unsure. */
export function detectLanguage(text: string): string | null {
  const sample = text.length > sampleChars ? text.slice(0, sampleChars) : text;
  const counts = new Map<Script, number>();
  let letters = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const script = scriptOf(sample.charCodeAt(i));
    if (script === undefined) continue;
    counts.set(script, (counts.get(script) ?? 0) + 1);
    letters += 1;
  }
  if (letters < 20) return null;
  const [dominant, dominantCount] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  if (dominantCount < letters * 0.4) return null;
  const han = counts.get('han') ?? 0;
  const kana = counts.get('kana') ?? 0;
  if (dominant === 'han' || dominant === 'kana') return kana > (han + kana) * 0.1 ? 'ja' : 'zh';
  const single = singleLanguageScripts[dominant];
  if (single !== undefined) {
    // Persian writes with Arabic letters plus four of its own.
    if (single === 'ar' && (sample.match(/[پچژگ]/g)?.length ?? 0) > dominantCount * 0.01) return 'fa';
    return single;
  }
  if (dominant === 'latin') return byFunctionWords(sample, latinLanguages);
  if (dominant === 'cyrillic') return byFunctionWords(sample, cyrillicLanguages) ?? 'ru';
  return null;
}

/** Words examined for function words: a few thousand characters decide. */
const wordSampleChars = 6000;

function byFunctionWords(sample: string, languages: readonly string[]): string | null {
  const scores = new Map<string, number>(languages.map((language) => [language, 0]));
  let words = 0;
  for (const match of sample
    .slice(0, wordSampleChars)
    .toLowerCase()
    .matchAll(/[\p{L}\p{M}]+/gu)) {
    words += 1;
    for (const language of wordIndex.get(match[0]) ?? []) {
      const score = scores.get(language);
      if (score !== undefined) scores.set(language, score + 1);
    }
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = [ranked[0]!, ranked[1]];
  if (words < 5 || best[1] < 3 || best[1] < words * 0.05) return null;
  if (second !== undefined && best[1] < second[1] * 1.15) return null;
  return best[0];
}

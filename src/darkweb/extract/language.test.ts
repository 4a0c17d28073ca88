import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'I have a Philips radio for trade and the cabinet is in good shape, but the dial cord needs work.'],
    ['fr', 'Le poste est en bon état et il fonctionne très bien, mais le cadran a été changé.'],
    ['es', 'La radio está en buen estado y funciona muy bien, pero el dial no es original.'],
    ['de', 'Das Radio ist in gutem Zustand und funktioniert, aber die Skala ist nicht original.'],
    ['it', 'La radio è in buono stato e funziona molto bene, ma il quadrante non è originale.'],
    ['pt', 'O rádio está em bom estado e funciona muito bem, mas o mostrador não é original.'],
    ['nl', 'De radio is in goede staat en werkt prima, maar de schaal is niet origineel.'],
    ['ru', 'Радио в хорошем состоянии и работает, но шкала не оригинальная, я уже говорил это.'],
    ['ar', 'الراديو في حالة جيدة ويعمل بشكل ممتاز لكن القرص ليس أصليا'],
    ['zh', '这台收音机状况良好，工作正常，但是刻度盘不是原装的。'],
    ['ja', 'このラジオは状態が良く、よく動きますが、ダイヤルはオリジナルではありません。'],
    ['ko', '이 라디오는 상태가 좋고 잘 작동하지만 다이얼은 원래 것이 아닙니다.'],
  ])('recognises %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('says nothing about text that is too short, numeric or mixed', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('Philips 930A')).toBeNull();
    expect(detectLanguage('123 456 789 000 111 222 333 444 555')).toBeNull();
    expect(detectLanguage('xkcd qwrt zzyzx plth brrk snrf glmp trwx vvkk')).toBeNull();
  });

  it('stays fast on a large page', () => {
    const text = 'The valves are all good and the cabinet is fine. '.repeat(20_000);
    expect(detectLanguage(text)).toBe('en');
  });
});

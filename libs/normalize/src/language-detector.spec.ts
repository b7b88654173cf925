import { detectLanguage, primaryLanguage } from './language-detector';

describe('detectLanguage', () => {
  it.each([
    [
      'en',
      'The government said on Monday that it would review the decision after the court ruled against it.',
    ],
    ['fr', 'Le gouvernement a annoncé lundi qu’il allait revoir sa décision après le jugement du tribunal.'],
    [
      'es',
      'El gobierno anunció el lunes que revisará la decisión después de que el tribunal fallara en su contra.',
    ],
    [
      'de',
      'Die Regierung hat am Montag angekündigt, dass sie die Entscheidung nach dem Urteil des Gerichts überprüfen wird.',
    ],
    [
      'pt',
      'O governo anunciou na segunda-feira que vai rever a decisão depois de o tribunal ter decidido contra ele.',
    ],
    [
      'it',
      'Il governo ha annunciato lunedì che rivedrà la decisione dopo che il tribunale si è pronunciato contro di esso.',
    ],
    [
      'ru',
      'Правительство в понедельник заявило, что пересмотрит решение после того, как суд вынес решение против него.',
    ],
    ['uk', 'Уряд у понеділок заявив, що перегляне рішення після того, як суд ухвалив рішення проти нього.'],
    [
      'pl',
      'Rząd zapowiedział w poniedziałek, że ponownie rozpatrzy decyzję po tym, jak sąd orzekł przeciwko niemu.',
    ],
    ['ar', 'أعلنت الحكومة يوم الاثنين أنها ستراجع القرار بعد أن حكمت المحكمة ضدها في القضية المرفوعة.'],
    ['zh', '政府周一表示，在法院作出不利裁决后，将重新审查这一决定。'],
    ['ja', '政府は月曜日、裁判所が不利な判決を下したことを受けて、決定を見直すと発表した。'],
    ['ko', '정부는 월요일 법원이 불리한 판결을 내린 후 결정을 재검토하겠다고 밝혔다.'],
    [
      'id',
      'Pemerintah mengatakan pada hari Senin bahwa mereka akan meninjau kembali keputusan tersebut setelah pengadilan memutuskan karena ada keberatan.',
    ],
    [
      'ms',
      'Kerajaan berkata pada hari Isnin bahawa ia akan mengkaji semula keputusan itu selepas mahkamah membuat keputusan, kata beliau kepada pemberita.',
    ],
    [
      'el',
      'Η κυβέρνηση ανακοίνωσε τη Δευτέρα ότι θα επανεξετάσει την απόφαση μετά την απόφαση του δικαστηρίου.',
    ],
  ])('%s', (code, text) => {
    const found = detectLanguage(text);
    expect(found.code).toBe(code);
    expect(found.confidence).toBeGreaterThan(0.5);
    expect(found.confidence).toBeLessThanOrEqual(1);
  });

  it('short text: the declared language with moderate confidence, or und', () => {
    expect(detectLanguage('Hi', 'de-AT')).toEqual({ code: 'de', confidence: 0.5 });
    expect(detectLanguage('Hi')).toEqual({ code: 'und', confidence: 0 });
    expect(detectLanguage('12 345 678 !!!')).toEqual({ code: 'und', confidence: 0 });
  });

  it('a matching declared language raises confidence', () => {
    const text = 'Die Regierung hat am Montag angekündigt, dass sie die Entscheidung überprüfen wird.';
    expect(detectLanguage(text, 'de').confidence).toBeGreaterThanOrEqual(detectLanguage(text).confidence);
  });
});

describe('primaryLanguage', () => {
  it.each([
    ['en-GB', 'en'],
    ['pt_BR', 'pt'],
    ['FR', 'fr'],
    ['', ''],
    [undefined, ''],
    ['english', ''],
  ])('%s → %s', (hint, code) => {
    expect(primaryLanguage(hint)).toBe(code);
  });
});

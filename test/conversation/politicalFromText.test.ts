import { describe, expect, it } from 'vitest';
import { politicalFromText } from '../../conversation/politicalFromText';

describe('a political decision written in one line', () => {
  it.each([
    [
      'Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til forslaget.',
      {
        body: 'Kommunestyret',
        meetingDate: '2026-03-12',
        caseNumber: '2026/417',
        decisionText: 'Kommunestyret slutter seg til forslaget.',
      },
    ],
    [
      'Helse- og omsorgsutvalget 2026-09-17 saksnr. 26/1234 https://kommune.no/politikk/sak-26-1234',
      {
        body: 'Helse- og omsorgsutvalget',
        meetingDate: '2026-09-17',
        caseNumber: '26/1234',
        link: 'https://kommune.no/politikk/sak-26-1234',
      },
    ],
    [
      'Formannskapet, 3.2.2026, 2026/88 – vedtatt enstemmig, se https://kommune.no/vedtak.pdf.',
      {
        body: 'Formannskapet',
        meetingDate: '2026-02-03',
        caseNumber: '2026/88',
        decisionText: 'vedtatt enstemmig, se',
        link: 'https://kommune.no/vedtak.pdf',
      },
    ],
    [
      'Municipal council, 12.03.2026, case 2026/417: The council agrees.',
      {
        body: 'Municipal council',
        meetingDate: '2026-03-12',
        caseNumber: '2026/417',
        decisionText: 'The council agrees.',
      },
    ],
  ])('reads "%s"', (text, reference) => {
    expect(politicalFromText(text)).toEqual({ reference });
  });

  it.each([
    ['gjelder fortsatt fordi endringene er innenfor rammen', 'endringene er innenfor rammen'],
    ['Vedtaket gjelder fortsatt, siden budsjettet er uendret', 'budsjettet er uendret'],
    ['The decision still stands because nothing in the mandate changed', 'nothing in the mandate changed'],
  ])('reads "%s" as the earlier decision still standing', (text, because) => {
    expect(politicalFromText(text)).toEqual({ stillStandsBecause: because });
  });

  it.each([
    ['Kommunestyret vedtok det i mars', 'møtedato'],
    ['12.03.2026, sak 2026/417: vedtatt', 'organ'],
    ['Kommunestyret, 12.03.2026: vedtatt', 'saksnummeret'],
    ['Kommunestyret, 12.03.2026, sak 2026/417', 'hva som ble vedtatt'],
    ['Kommunestyret, 31.02.2026, sak 2026/417: vedtatt', 'møtedato'],
    ['gjelder fortsatt', 'hvorfor'],
  ])('says what is missing in "%s"', (text, missing) => {
    const parsed = politicalFromText(text);
    expect('problem' in parsed && parsed.problem.nb).toContain(missing);
  });
});

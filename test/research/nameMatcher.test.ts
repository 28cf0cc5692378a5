import { describe, expect, it } from 'vitest';
import { NameMatcher, nameWords, type NameMatch } from '../../research/nameMatcher';

const people = [
  { personId: 'kari', displayName: 'Kari Nordmann' },
  { personId: 'kari-berg', displayName: 'Kari Nordmann Berg' },
  { personId: 'ola', displayName: 'Ola Hansen' },
  { personId: 'anne', displayName: 'Anne-Lise Dahl' },
  { personId: 'per', displayName: 'Olsen, Per (Helse og omsorg)' },
  { personId: 'ingrid', displayName: 'Ingrid Johansen | Hjemmetjenesten' },
  { personId: 'lars', displayName: 'Lars Bø - Sone nord' },
  { personId: 'asbjorn', displayName: 'Asbjørn Øien' },
];

function replaced(text: string): string {
  const matcher = new NameMatcher(people);
  return matcher.replace(text, (match: NameMatch) =>
    match.kind === 'person' ? `<${match.personId}${match.genitive ? 's' : ''}>` : '<?>',
  );
}

describe('NameMatcher', () => {
  it('replaces whole names, case-insensitively, with any short separator', () => {
    expect(replaced('Møte med Kari Nordmann i dag')).toBe('Møte med <kari> i dag');
    expect(replaced('møte med kari nordmann og OLA HANSEN')).toBe('møte med <kari> og <ola>');
    expect(replaced('Skriv til kari.nordmann@kommune.no')).toBe('Skriv til <kari>@kommune.no');
    expect(replaced('Kari  Nordmann og ola_hansen')).toBe('<kari> og <ola>');
  });

  it('reads names the way directories write them: units in brackets or after a bar, "Surname, Given"', () => {
    expect(nameWords('Olsen, Per (Helse og omsorg)')).toEqual(['Per', 'Olsen']);
    expect(nameWords('Ingrid Johansen | Hjemmetjenesten')).toEqual(['Ingrid', 'Johansen']);
    expect(nameWords('Lars Bø - Sone nord')).toEqual(['Lars', 'Bø']);
    expect(replaced('Per Olsen i Helse og omsorg, Hjemmetjenesten og Sone nord')).toBe(
      '<per> i Helse og omsorg, Hjemmetjenesten og Sone nord',
    );
  });

  it('finds the genitive with and without apostrophe, also on the last word of a whole name', () => {
    expect(replaced('Ingrids notat, Johansens hverdagspraksis og Pers forslag')).toBe(
      '<ingrids> notat, <ingrids> hverdagspraksis og <pers> forslag',
    );
    expect(replaced("Ingrid's idea, Lars' plan and Lars’s budget")).toBe(
      '<ingrids> idea, <larss> plan and <larss> budget',
    );
    expect(replaced('Ingrid Johansens notat')).toBe('<ingrids> notat');
  });

  it('takes an initial of the same person with the name', () => {
    expect(replaced('Ingrid J. og I. Johansen')).toBe('<ingrid> og <ingrid>');
  });

  it('matches without diacritics, as addresses spell them', () => {
    expect(replaced('asbjorn.oien og Asbjoern Oeien')).toBe('<asbjorn> og <asbjorn>');
  });

  it('prefers the longest name starting at the same word', () => {
    expect(replaced('Kari Nordmann Berg og Kari Nordmann')).toBe('<kari-berg> og <kari>');
  });

  it('matches whole words only', () => {
    expect(replaced('Karianne Nordmannsen og Olav')).toBe('Karianne Nordmannsen og Olav');
  });

  it('finds capitalised single name words, and marks shared ones as ambiguous', () => {
    expect(replaced('Ola sa ja, og Hansen også.')).toBe('<ola> sa ja, og <ola> også.');
    expect(replaced('Kari var der')).toBe('<?> var der');
    expect(replaced('Berg, Kari')).toBe('<kari-berg>');
    expect(replaced('Dahl kom, og Anne-Lise Dahl også')).toBe('<anne> kom, og <anne> også');
  });

  it('leaves ordinary words alone: lower case, or a word that is also a name at the start of a sentence', () => {
    expect(replaced('det koster 10 kroner per time, og vi starter i berg')).toBe(
      'det koster 10 kroner per time, og vi starter i berg',
    );
    expect(replaced('Per time betaler vi 10 kroner. Berg og dal.')).toBe(
      'Per time betaler vi 10 kroner. Berg og dal.',
    );
    // Inside a sentence, or acting at its start, it is the person.
    expect(replaced('Vi spurte Per. Per sa ja.')).toBe('Vi spurte <per>. <per> sa ja.');
  });

  it('leaves text without names untouched and copes with an empty directory', () => {
    expect(replaced('Ingen navn her 🚀.')).toBe('Ingen navn her 🚀.');
    expect(new NameMatcher([]).replace('Kari Nordmann', () => 'x')).toBe('Kari Nordmann');
    expect(new NameMatcher([{ personId: 'x', displayName: '  ' }]).isEmpty).toBe(true);
  });
});

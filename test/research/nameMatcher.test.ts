import { describe, expect, it } from 'vitest';
import { NameMatcher, type NameMatch } from '../../research/nameMatcher';

const people = [
  { personId: 'kari', displayName: 'Kari Nordmann' },
  { personId: 'kari-berg', displayName: 'Kari Nordmann Berg' },
  { personId: 'ola', displayName: 'Ola Hansen' },
  { personId: 'anne', displayName: 'Anne-Lise Dahl' },
  { personId: 'per', displayName: 'Per Olsen' },
];

function replaced(text: string): string {
  const matcher = new NameMatcher(people);
  return matcher.replace(text, (match: NameMatch) =>
    match.kind === 'person' ? `<${match.personId}>` : '<?>',
  );
}

describe('NameMatcher', () => {
  it('replaces whole names, case-insensitively, with any short separator', () => {
    expect(replaced('Møte med Kari Nordmann i dag')).toBe('Møte med <kari> i dag');
    expect(replaced('møte med kari nordmann og OLA HANSEN')).toBe('møte med <kari> og <ola>');
    expect(replaced('Skriv til kari.nordmann@kommune.no')).toBe('Skriv til <kari>@kommune.no');
    expect(replaced('Kari  Nordmann og ola_hansen')).toBe('<kari> og <ola>');
  });

  it('prefers the longest name starting at the same word', () => {
    expect(replaced('Kari Nordmann Berg og Kari Nordmann')).toBe('<kari-berg> og <kari>');
  });

  it('matches whole words only', () => {
    expect(replaced('Karianne Nordmannsen og Olav')).toBe('Karianne Nordmannsen og Olav');
  });

  it('finds capitalised single name words, and marks shared ones as ambiguous', () => {
    expect(replaced('Ola sa ja, og Hansen også.')).toBe('<ola> sa ja, og <ola> også.');
    // "Kari" belongs to two people's names: who is meant cannot be told.
    expect(replaced('Kari var der')).toBe('<?> var der');
    // "Berg, Kari": "Berg" is one person's only, and the neighbouring "Kari" is taken into the same match.
    expect(replaced('Berg, Kari')).toBe('<kari-berg>');
    expect(replaced('Dahl kom, og Anne-Lise Dahl også')).toBe('<anne> kom, og <anne> også');
  });

  it('leaves lower-case ordinary words alone', () => {
    expect(replaced('det koster 10 kroner per time, og vi starter i berg')).toBe(
      'det koster 10 kroner per time, og vi starter i berg',
    );
    expect(replaced('Per time betaler vi 10 kroner')).toBe('<per> time betaler vi 10 kroner');
  });

  it('leaves text without names untouched and copes with an empty directory', () => {
    expect(replaced('Ingen navn her.')).toBe('Ingen navn her.');
    expect(new NameMatcher([]).replace('Kari Nordmann', () => 'x')).toBe('Kari Nordmann');
    expect(new NameMatcher([{ personId: 'x', displayName: '  ' }]).isEmpty).toBe(true);
  });
});

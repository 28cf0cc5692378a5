import { describe, expect, it } from 'vitest';
import { Pseudonymiser } from '../../research/pseudonymiser';
import type { Person } from '../../storage/peopleDirectory';

const directory: Person[] = [
  { personId: 'p-kari', displayName: 'Kari Nordmann' },
  { personId: 'p-ola', displayName: 'Ola Hansen' },
  { personId: 'p-gone', erasedAt: '2026-06-01T00:00:00.000Z' },
];

describe('Pseudonymiser', () => {
  it('numbers people by first appearance, stable within the export', () => {
    const p = new Pseudonymiser({ language: 'nb', names: 'pseudonymised', people: directory });
    expect(p.label('p-ola')).toBe('Deltaker 1');
    expect(p.label('p-kari')).toBe('Deltaker 2');
    expect(p.label('p-ola')).toBe('Deltaker 1');
    expect(p.label('someone-unknown')).toBe('Deltaker 3');
  });

  it('keeps the role, in the export language', () => {
    const nb = new Pseudonymiser({ language: 'nb', names: 'pseudonymised', people: directory });
    expect(nb.labelWithRoles('p-kari', ['owner', 'manager'])).toBe('Deltaker 1 (eier, leder)');
    const en = new Pseudonymiser({ language: 'en', names: 'pseudonymised', people: directory });
    expect(en.labelWithRoles('p-kari', ['manager'])).toBe('Participant 1 (manager)');
    expect(en.labelWithRoles('p-ola', [])).toBe('Participant 2');
  });

  it('replaces known names inside free text with the same pseudonyms', () => {
    const p = new Pseudonymiser({ language: 'en', names: 'pseudonymised', people: directory });
    expect(p.label('p-kari')).toBe('Participant 1');
    expect(p.text('Ola Hansen asked Kari Nordmann; Ola agreed.')).toBe(
      'Participant 2 asked Participant 1; Participant 2 agreed.',
    );
  });

  it('keeps system actors as they are', () => {
    const p = new Pseudonymiser({ language: 'nb', names: 'pseudonymised', people: directory });
    expect(p.label('system:reminders')).toBe('system:reminders');
    expect(p.labelWithRoles('system:reminders', ['owner'])).toBe('system:reminders');
    expect(p.participants()).toEqual([]);
  });

  it('shows real names only in real-name mode, never for erased people, and leaves text as written', () => {
    const p = new Pseudonymiser({ language: 'nb', names: 'real', people: directory });
    expect(p.label('p-kari')).toBe('Kari Nordmann');
    expect(p.label('p-gone')).toBe('Deltaker 2');
    expect(p.text('Ola Hansen var der')).toBe('Ola Hansen var der');
    expect(p.participants()).toEqual([
      { label: 'Kari Nordmann', number: 1, erased: false, personId: 'p-kari' },
      { label: 'Deltaker 2', number: 2, erased: true },
    ]);
  });

  it('lists participants without ids when pseudonymised', () => {
    const p = new Pseudonymiser({ language: 'nb', names: 'pseudonymised', people: directory });
    p.label('p-gone');
    expect(p.participants()).toEqual([{ label: 'Deltaker 1', number: 1, erased: true }]);
  });
});

import { describe, expect, it } from 'vitest';
import { PseudonymBook } from '../../research/pseudonymBook';
import { Pseudonymiser, type PseudonymiserOptions } from '../../research/pseudonymiser';
import { MemoryPseudonymStore } from '../../storage/memoryPseudonymStore';
import type { Person } from '../../storage/peopleDirectory';

const directory: Person[] = [
  {
    personId: 'p-kari',
    displayName: 'Kari Nordmann',
    aadObjectId: '0b6f3c2e-8a41-4c1e-9d55-3f0c7a1e2b90',
    teamsUserId: '29:1AbCdEfGhIjKlMnOpQrStUv',
    email: 'kari.nordmann@kommune.example',
  },
  { personId: 'p-ola', displayName: 'Ola Hansen (Hjemmetjenesten)' },
  { personId: 'p-gone', erasedAt: '2026-06-01T00:00:00.000Z' },
];

async function pseudonymiser(
  options: Partial<PseudonymiserOptions> & { store?: MemoryPseudonymStore } = {},
): Promise<Pseudonymiser> {
  const book = await PseudonymBook.open(options.store ?? new MemoryPseudonymStore());
  return Pseudonymiser.create({
    language: options.language ?? 'nb',
    names: options.names ?? 'pseudonymised',
    people: options.people ?? directory,
    book,
  });
}

describe('Pseudonymiser', () => {
  it('gives a person the same number in every pseudonymiser of the installation, whatever the order', async () => {
    const store = new MemoryPseudonymStore();
    const first = await pseudonymiser({ store });
    const second = await pseudonymiser({ store, people: [...directory].reverse(), language: 'en' });
    for (const id of ['p-kari', 'p-ola', 'p-gone']) {
      expect(second.numberOf(id)).toBe(first.numberOf(id));
    }
    expect(first.label('p-ola')).toBe(`Deltaker ${first.numberOf('p-ola')}`);
    expect(second.label('p-ola')).toBe(`Participant ${first.numberOf('p-ola')}`);
    // Another installation (another secret) numbers independently; nothing is derived from the id alone.
    const elsewhere = await pseudonymiser();
    expect(new Set(['p-kari', 'p-ola', 'p-gone'].map((id) => elsewhere.numberOf(id)))).toEqual(
      new Set([1, 2, 3]),
    );
  });

  it('numbers someone the directory never saw only when asked to', async () => {
    const p = await pseudonymiser();
    expect(() => p.label('someone-unknown')).toThrow(/numbered/);
    expect(p.needsNumbers(['someone-unknown'])).toBe(true);
    await p.ensure(['someone-unknown']);
    expect(p.label('someone-unknown')).toBe('Deltaker 4');
  });

  it('keeps the role, in the export language', async () => {
    const nb = await pseudonymiser();
    const kari = nb.numberOf('p-kari');
    expect(nb.labelWithRoles('p-kari', ['owner', 'manager'])).toBe(`Deltaker ${kari} (eier, leder)`);
  });

  it('replaces names, with their genitive, and every identifier of a person in free text', async () => {
    const p = await pseudonymiser({ language: 'en' });
    const kari = p.label('p-kari');
    const ola = p.label('p-ola');
    expect(p.text("Ola Hansen asked Kari Nordmann; Ola's plan and Karis notat.")).toBe(
      `${ola} asked ${kari}; ${ola}'s plan and ${kari}'s notat.`,
    );
    expect(
      p.text(
        'Mail kari.nordmann@kommune.example or KARI.NORDMANN@KOMMUNE.EXAMPLE, id 0b6f3c2e-8a41-4c1e-9d55-3f0c7a1e2b90, 29:1AbCdEfGhIjKlMnOpQrStUv, p-ola',
      ),
    ).toBe(`Mail ${kari} or ${kari}, id ${kari}, ${kari}, ${ola}`);
    expect(
      p.text('Spør ole@annen.example eller 29:9ZzYyXxWwVvUuTt, ref 11111111-2222-4333-8444-555555555555'),
    ).toBe('Spør [e-mail] eller [person id], ref [person id]');
    // The unit in the display name is not a name: "Hjemmetjenesten" stays.
    expect(p.text('Hjemmetjenesten har ansvaret')).toBe('Hjemmetjenesten har ansvaret');
  });

  it('writes Nynorsk pseudonyms, genitives, markers and links for lang=nn', async () => {
    const store = new MemoryPseudonymStore();
    const nb = await pseudonymiser({ store });
    const nn = await pseudonymiser({ store, language: 'nn' });
    const kari = nn.numberOf('p-kari');
    const ola = nn.numberOf('p-ola');
    expect(kari).toBe(nb.numberOf('p-kari'));
    expect(nn.label('p-kari')).toBe(`Deltakar ${kari}`);
    // Norwegian genitive with -s in both written forms, with or without an apostrophe in the text.
    expect(nn.text("Ola Hansen spurde Kari Nordmann om Karis notat og Ola's plan.")).toBe(
      `Deltakar ${ola} spurde Deltakar ${kari} om Deltakar ${kari}s notat og Deltakar ${ola}s plan.`,
    );
    expect(nn.text('Spør ole@annan.example eller 29:9ZzYyXxWwVvUuTt')).toBe(
      'Spør [e-post] eller [person-id]',
    );
    expect(
      nn.text('Sjå https://kommune-my.sharepoint.com/personal/kari_nordmann_kommune_example/plan.docx'),
    ).toBe(`Sjå https://kommune-my.sharepoint.com/personal/deltakar-${kari}_kommune_example/plan.docx`);
    expect(nn.withheld).toBe('[halden tilbake: ikkje samtykke til forsking]');
    expect(nb.withheld).toBe('[holdt tilbake: ikke samtykke til forskning]');
  });

  it('keeps links working: a name inside a link becomes a link-safe pseudonym', async () => {
    const p = await pseudonymiser();
    const kari = p.numberOf('p-kari');
    expect(
      p.text('Se https://kommune-my.sharepoint.com/personal/kari_nordmann_kommune_example/plan.docx nå'),
    ).toBe(`Se https://kommune-my.sharepoint.com/personal/deltaker-${kari}_kommune_example/plan.docx nå`);
  });

  it('keeps system actors as they are', async () => {
    const p = await pseudonymiser();
    expect(p.label('system:reminders')).toBe('system:reminders');
    expect(p.participants()).toEqual([]);
  });

  it('shows real names only in real-name mode, never for erased people, and leaves text as written', async () => {
    const p = await pseudonymiser({ names: 'real' });
    expect(p.label('p-kari')).toBe('Kari Nordmann');
    expect(p.label('p-gone')).toBe(`Deltaker ${p.numberOf('p-gone')}`);
    expect(p.text('Ola Hansen var der')).toBe('Ola Hansen var der');
    expect(p.participants().map((entry) => entry.personId)).toEqual(
      [
        ['p-kari', p.numberOf('p-kari')],
        [undefined, p.numberOf('p-gone')],
      ]
        .sort((a, b) => Number(a[1]) - Number(b[1]))
        .map(([id]) => id),
    );
  });

  it('replaces a conversation id with a stable token', async () => {
    const store = new MemoryPseudonymStore();
    const a = await pseudonymiser({ store });
    const b = await pseudonymiser({ store });
    const token = a.conversation('19:abc@thread.tacv2');
    expect(token).toMatch(/^conversation-[0-9a-f]{16}$/);
    expect(b.conversation('19:abc@thread.tacv2')).toBe(token);
  });
});

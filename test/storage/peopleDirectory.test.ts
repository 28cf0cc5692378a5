import { describe, expect, inject, it } from 'vitest';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import type { PeopleDirectory, PersonSighting } from '../../storage/peopleDirectory';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';
import { tableClientFromConnectionString } from '../../storage/tableStorage';
import { minutesAfterStart, uniqueTableName } from './caseFixtures';

const connectionString = inject('tablesConnectionString');

function kari(overrides: Partial<PersonSighting> = {}): PersonSighting {
  return {
    personId: '29:1kari/with#odd?chars\\',
    displayName: 'Kari Nordmann',
    aadObjectId: '00000000-0000-0000-0000-00000000000a',
    email: 'kari@kommune.no',
    seenAt: minutesAfterStart(1),
    ...overrides,
  };
}

function describePeopleDirectoryContract(name: string, makeDirectory: () => PeopleDirectory): void {
  describe(`${name} (PeopleDirectory contract)`, () => {
    it('records a person and finds them by id; unknown ids are absent', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());

      const found = await people.getPeople([kari().personId, 'nobody', kari().personId]);

      expect([...found.keys()]).toEqual([kari().personId]);
      expect(found.get(kari().personId)).toEqual({
        personId: kari().personId,
        displayName: 'Kari Nordmann',
        aadObjectId: '00000000-0000-0000-0000-00000000000a',
        email: 'kari@kommune.no',
        lastSeenAt: minutesAfterStart(1),
      });
      expect((await people.getPeople([])).size).toBe(0);
    });

    it('takes a newer sighting, keeps fields it lacks, and ignores an older one', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      const withoutContact = {
        personId: kari().personId,
        displayName: 'Kari N. Olsen',
        seenAt: minutesAfterStart(5),
      };
      await people.upsertPerson(withoutContact);
      await people.upsertPerson(kari({ displayName: 'Old Name', seenAt: minutesAfterStart(2) }));

      expect((await people.getPeople([kari().personId])).get(kari().personId)).toEqual({
        personId: kari().personId,
        displayName: 'Kari N. Olsen',
        aadObjectId: '00000000-0000-0000-0000-00000000000a',
        email: 'kari@kommune.no',
        lastSeenAt: minutesAfterStart(5),
      });
    });

    it('erases name, e-mail and Entra id, keeping the id and the time of erasure', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      await people.upsertPerson(kari({ personId: 'ola', displayName: 'Ola' }));

      await people.erasePerson(kari().personId, minutesAfterStart(10));
      await people.erasePerson(kari().personId, minutesAfterStart(20));

      const found = await people.getPeople([kari().personId, 'ola']);
      expect(found.get(kari().personId)).toEqual({
        personId: kari().personId,
        erasedAt: minutesAfterStart(10),
      });
      expect(found.get('ola')?.displayName).toBe('Ola');
    });

    it('keeps an erased person erased when they are seen again later', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      await people.erasePerson(kari().personId, minutesAfterStart(10));

      await people.upsertPerson(kari({ seenAt: minutesAfterStart(30) }));

      expect((await people.getPeople([kari().personId])).get(kari().personId)).toEqual({
        personId: kari().personId,
        erasedAt: minutesAfterStart(10),
      });
    });

    it('keeps a person erased before they were ever seen from being recorded', async () => {
      const people = makeDirectory();
      await people.erasePerson('future-person', minutesAfterStart(1));
      await people.upsertPerson(kari({ personId: 'future-person', seenAt: minutesAfterStart(2) }));

      expect((await people.getPeople(['future-person'])).get('future-person')).toEqual({
        personId: 'future-person',
        erasedAt: minutesAfterStart(1),
      });
    });

    it('lists everyone it holds, erased people without their names', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      await people.upsertPerson(kari({ personId: 'ola', displayName: 'Ola Nordmann' }));
      await people.erasePerson(kari().personId, minutesAfterStart(10));

      const listed = [];
      for await (const person of people.listPeople()) listed.push(person);

      expect(listed.sort((a, b) => a.personId.localeCompare(b.personId))).toEqual([
        { personId: kari().personId, erasedAt: minutesAfterStart(10) },
        expect.objectContaining({ personId: 'ola', displayName: 'Ola Nordmann' }),
      ]);
    });

    it('binds a Teams id to the first person it is seen with, for good, and concurrent first bindings agree', async () => {
      const people = makeDirectory();
      expect(await people.personOfTeamsUser('29:1kari')).toBeUndefined();
      const first = await Promise.all(
        ['entra-kari', 'entra-kari', 'entra-impostor'].map((id) => people.bindTeamsUser('29:1kari', id)),
      );
      expect(new Set(first).size).toBe(1);
      const bound = first[0];
      expect(await people.personOfTeamsUser('29:1kari')).toBe(bound);
      expect(await people.bindTeamsUser('29:1kari', 'someone-else')).toBe(bound);
      expect(await people.personOfTeamsUser('29:1kari')).toBe(bound);
    });

    it('erases the Teams binding with the person', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari({ teamsUserId: '29:1kari' }));
      await people.bindTeamsUser('29:1kari', kari().personId);
      await people.erasePerson(kari().personId, minutesAfterStart(9));
      expect(await people.personOfTeamsUser('29:1kari')).toBeUndefined();
    });

    it("keeps a person's own language apart from their record: sightings leave it, erasure takes it", async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      expect(await people.languageOf(kari().personId)).toBeUndefined();
      await people.setLanguage(kari().personId, 'nn');
      await people.upsertPerson(kari({ displayName: 'Kari Nordmann-Li', seenAt: minutesAfterStart(2) }));
      expect(await people.languageOf(kari().personId)).toBe('nn');
      expect(await people.languageOf('someone else')).toBeUndefined();
      await people.setLanguage(kari().personId, 'en');
      expect(await people.languageOf(kari().personId)).toBe('en');
      await people.setLanguage(kari().personId, undefined);
      await people.setLanguage(kari().personId, undefined);
      expect(await people.languageOf(kari().personId)).toBeUndefined();
      await people.setLanguage(kari().personId, 'nn');
      await people.erasePerson(kari().personId, minutesAfterStart(9));
      expect(await people.languageOf(kari().personId)).toBeUndefined();
    });

    it('does not write a sighting that tells nothing new within a day, and does after a day', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      await people.upsertPerson(kari({ seenAt: minutesAfterStart(30) }));
      expect((await people.getPeople([kari().personId])).get(kari().personId)?.lastSeenAt).toBe(
        minutesAfterStart(1),
      );
      await people.upsertPerson(kari({ seenAt: minutesAfterStart(25 * 60) }));
      expect((await people.getPeople([kari().personId])).get(kari().personId)?.lastSeenAt).toBe(
        minutesAfterStart(25 * 60),
      );
    });

    it('finds thirty people named at once, odd ids and the erased among them', async () => {
      const people = makeDirectory();
      const ids = Array.from({ length: 30 }, (_, index) => `person ${index} O'Brien/#?\\`);
      for (const [index, personId] of ids.entries()) {
        await people.upsertPerson(kari({ personId, displayName: `Person ${index}` }));
      }
      await people.erasePerson(ids[7] ?? '', minutesAfterStart(5));

      const found = await people.getPeople([...ids, 'nobody', ids[0] ?? '']);

      expect([...found.keys()].sort()).toEqual([...ids].sort());
      expect(found.get(ids[29] ?? '')?.displayName).toBe('Person 29');
      expect(found.get(ids[7] ?? '')).toEqual({ personId: ids[7], erasedAt: minutesAfterStart(5) });
    });

    it('hands out copies', async () => {
      const people = makeDirectory();
      await people.upsertPerson(kari());
      const first = (await people.getPeople([kari().personId])).get(kari().personId);
      if (first) first.displayName = 'changed';
      expect((await people.getPeople([kari().personId])).get(kari().personId)?.displayName).toBe(
        'Kari Nordmann',
      );
    });
  });
}

describePeopleDirectoryContract('MemoryPeopleDirectory', () => new MemoryPeopleDirectory());
describePeopleDirectoryContract('TablePeopleDirectory on Azurite', () =>
  TablePeopleDirectory.fromConnectionString(connectionString, { tableName: uniqueTableName('people') }),
);

describe('TablePeopleDirectory', () => {
  it('does not let a sighting racing an erasure bring the name back', async () => {
    const people = TablePeopleDirectory.fromConnectionString(connectionString, {
      tableName: uniqueTableName('people'),
    });
    await people.upsertPerson(kari());

    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        index === 5
          ? people.erasePerson(kari().personId, minutesAfterStart(10))
          : people.upsertPerson(kari({ seenAt: minutesAfterStart(20 + index) })),
      ),
    );

    expect((await people.getPeople([kari().personId])).get(kari().personId)).toEqual({
      personId: kari().personId,
      erasedAt: minutesAfterStart(10),
    });
  });

  it('reads everyone a card names in one request, and thirty in three', async () => {
    const client = tableClientFromConnectionString(connectionString, uniqueTableName('people'));
    const people = new TablePeopleDirectory(client);
    const ids = Array.from({ length: 30 }, (_, index) => `person-${index}`);
    for (const personId of ids) await people.upsertPerson(kari({ personId }));
    let requests = 0;
    client.pipeline.addPolicy({
      name: 'countRequestsForTest',
      sendRequest: (request, next) => {
        requests += 1;
        return next(request);
      },
    });

    expect((await people.getPeople(ids.slice(0, 3))).size).toBe(3);
    expect(requests).toBe(1);
    requests = 0;
    expect((await people.getPeople(ids)).size).toBe(30);
    expect(requests).toBe(3);
  });
});

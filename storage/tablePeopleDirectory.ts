/**
 * The people directory on Azure Table Storage: table "people", one partition ("person"), row key = the
 * encoded person id. Sightings are written with the row's ETag, so an erasure that lands between reading
 * and writing a sighting is never overwritten by the name it just removed.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { isLanguage, type Language } from '../engine/localized';
import {
  erasedPerson,
  personAfterSighting,
  type PeopleDirectory,
  type Person,
  type PersonSighting,
} from './peopleDirectory';
import { optionalString, requireString, type StoredRow } from './tableEventRows';
import { encodeKey } from './tableKeys';
import {
  getEntityIfExists,
  LazyTable,
  queryRows,
  statusOf,
  tableClientFromConnectionString,
  type TableClientOptions,
  translateStorageError,
} from './tableStorage';

export const DEFAULT_PEOPLE_TABLE = 'people';

/** Everyone is in one partition: the directory is small, and lookups are point reads by id. */
const PEOPLE_PARTITION = 'person';

/** Teams user ids and the person each is bound to, one row per Teams id (see `bindTeamsUser`). */
const TEAMS_PARTITION = 'teamsuser';

/** The language each person chose for what only they see, one row per person (see `languageOf`). */
const LANGUAGE_PARTITION = 'language';

/** How often a sighting retries when the row changed between its read and its write. */
const SIGHTING_WRITE_ATTEMPTS = 5;

/** Queries run at most this many at a time, to be gentle on the service for long lists. */
const READ_CONCURRENCY = 10;

/**
 * Row keys asked for in one query: Table Storage takes at most 15 comparisons in a filter, and the
 * partition is one of them.
 */
const IDS_PER_QUERY = 14;

export interface TablePeopleDirectoryOptions {
  tableName?: string;
  clientOptions?: TableClientOptions;
}

/** `PeopleDirectory` on Azure Table Storage; see the module comment. */
export class TablePeopleDirectory implements PeopleDirectory {
  private readonly table: LazyTable;

  constructor(client: TableClient) {
    this.table = new LazyTable(client);
  }

  static fromConnectionString(
    connectionString: string,
    options: TablePeopleDirectoryOptions = {},
  ): TablePeopleDirectory {
    return new TablePeopleDirectory(
      tableClientFromConnectionString(
        connectionString,
        options.tableName ?? DEFAULT_PEOPLE_TABLE,
        options.clientOptions,
      ),
    );
  }

  private get client(): TableClient {
    return this.table.client;
  }

  async upsertPerson(sighting: PersonSighting): Promise<void> {
    await this.table.ready();
    const rowKey = encodeKey(sighting.personId);
    for (let attempt = 1; attempt <= SIGHTING_WRITE_ATTEMPTS; attempt += 1) {
      const row = await getEntityIfExists(this.client, PEOPLE_PARTITION, rowKey);
      const next = personAfterSighting(row && toPerson(row), sighting);
      if (!next) return;
      const entity = { partitionKey: PEOPLE_PARTITION, rowKey, ...next };
      try {
        if (row) await this.client.updateEntity(entity, 'Replace', { etag: row.etag });
        else await this.client.createEntity(entity);
        return;
      } catch (error) {
        const status = statusOf(error);
        // Changed (perhaps erased) since we read it: decide again on the fresh row.
        if (status === 409 || status === 412) continue;
        throw translateStorageError(error, 'recording a person');
      }
    }
    throw new Error(`The people directory row of ${sighting.personId} kept changing; gave up`);
  }

  async bindTeamsUser(teamsUserId: string, personId: string): Promise<string> {
    await this.table.ready();
    const rowKey = encodeKey(teamsUserId);
    try {
      // Create, never replace: the first binding stands, and two first sightings at once agree on it.
      await this.client.createEntity({ partitionKey: TEAMS_PARTITION, rowKey, teamsUserId, personId });
      return personId;
    } catch (error) {
      if (statusOf(error) !== 409) throw translateStorageError(error, 'binding a Teams user');
    }
    // Bound before (or by our own create whose answer was lost): the row says to whom.
    return (await this.personOfTeamsUser(teamsUserId)) ?? personId;
  }

  async personOfTeamsUser(teamsUserId: string): Promise<string | undefined> {
    await this.table.ready();
    const row = await getEntityIfExists(this.client, TEAMS_PARTITION, encodeKey(teamsUserId));
    return row ? requireString(row, 'personId') : undefined;
  }

  async languageOf(personId: string): Promise<Language | undefined> {
    await this.table.ready();
    const row = await getEntityIfExists(this.client, LANGUAGE_PARTITION, encodeKey(personId));
    const language = row && optionalString(row, 'language');
    return isLanguage(language) ? language : undefined;
  }

  async setLanguage(personId: string, language: Language | undefined): Promise<void> {
    await this.table.ready();
    const rowKey = encodeKey(personId);
    try {
      if (language !== undefined) {
        await this.client.upsertEntity(
          { partitionKey: LANGUAGE_PARTITION, rowKey, personId, language },
          'Replace',
        );
      } else {
        await this.client.deleteEntity(LANGUAGE_PARTITION, rowKey);
      }
    } catch (error) {
      if (language === undefined && statusOf(error) === 404) return;
      throw translateStorageError(error, "setting a person's language");
    }
  }

  /**
   * One request for everyone named (a card names the owner, the managers and the deciders at once): a
   * query on the partition for up to `IDS_PER_QUERY` row keys, a point read for a single one.
   */
  async getPeople(personIds: Iterable<string>): Promise<Map<string, Person>> {
    await this.table.ready();
    const unique = [...new Set(personIds)];
    const found = new Map<string, Person>();
    if (unique.length === 1) {
      const [personId] = unique as [string];
      const row = await getEntityIfExists(this.client, PEOPLE_PARTITION, encodeKey(personId));
      if (row) found.set(personId, toPerson(row));
      return found;
    }
    const wanted = new Map(unique.map((personId) => [encodeKey(personId), personId]));
    const keys = [...wanted.keys()];
    const queries: string[] = [];
    for (let start = 0; start < keys.length; start += IDS_PER_QUERY) {
      const rowKeys = keys.slice(start, start + IDS_PER_QUERY).map((rowKey) => odata`RowKey eq ${rowKey}`);
      queries.push(odata`PartitionKey eq ${PEOPLE_PARTITION}` + ` and (${rowKeys.join(' or ')})`);
    }
    for (let start = 0; start < queries.length; start += READ_CONCURRENCY) {
      const rows = await Promise.all(
        queries.slice(start, start + READ_CONCURRENCY).map(async (filter) => {
          const rows: StoredRow[] = [];
          for await (const row of queryRows(this.client, 'reading people', filter)) rows.push(row);
          return rows;
        }),
      );
      for (const row of rows.flat()) {
        const personId = typeof row.rowKey === 'string' ? wanted.get(row.rowKey) : undefined;
        if (personId !== undefined) found.set(personId, toPerson(row));
      }
    }
    return found;
  }

  async *listPeople(): AsyncIterable<Person> {
    await this.table.ready();
    const filter = odata`PartitionKey eq ${PEOPLE_PARTITION}`;
    for await (const row of queryRows(this.client, 'listing people', filter)) yield toPerson(row);
  }

  async erasePerson(personId: string, at: string): Promise<void> {
    await this.table.ready();
    const rowKey = encodeKey(personId);
    const row = await getEntityIfExists(this.client, PEOPLE_PARTITION, rowKey);
    const entity = {
      partitionKey: PEOPLE_PARTITION,
      rowKey,
      ...erasedPerson(row && toPerson(row), personId, at),
    };
    try {
      // Unconditional: whatever a concurrent sighting wrote, the erasure must win. "Replace" drops every
      // column the erased record does not have.
      await this.client.upsertEntity(entity, 'Replace');
    } catch (error) {
      throw translateStorageError(error, 'erasing a person');
    }
    try {
      await this.client.deleteEntity(LANGUAGE_PARTITION, rowKey);
    } catch (error) {
      if (statusOf(error) !== 404) throw translateStorageError(error, "erasing a person's language");
    }
    // The Teams id is an identifier too: its binding goes with the erasure (a later sighting binds anew).
    const teamsUserId = row && optionalString(row, 'teamsUserId');
    if (teamsUserId !== undefined) {
      try {
        await this.client.deleteEntity(TEAMS_PARTITION, encodeKey(teamsUserId));
      } catch (error) {
        if (statusOf(error) !== 404) throw translateStorageError(error, 'erasing a Teams binding');
      }
    }
  }
}

function toPerson(row: StoredRow): Person {
  const person: Person = { personId: requireString(row, 'personId') };
  for (const field of [
    'displayName',
    'aadObjectId',
    'teamsUserId',
    'email',
    'lastSeenAt',
    'erasedAt',
  ] as const) {
    const value = optionalString(row, field);
    if (value !== undefined) person[field] = value;
  }
  return person;
}

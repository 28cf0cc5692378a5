/**
 * The people directory on Azure Table Storage: table "people", one partition ("person"), row key = the
 * encoded person id. Sightings are written with the row's ETag, so an erasure that lands between reading
 * and writing a sighting is never overwritten by the name it just removed.
 */
import { odata, type TableClient } from '@azure/data-tables';
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
  callStorage,
  getEntityIfExists,
  LazyTable,
  statusOf,
  tableClientFromConnectionString,
  translateStorageError,
  type TableClientOptions,
} from './tableStorage';

export const DEFAULT_PEOPLE_TABLE = 'people';

/** Everyone is in one partition: the directory is small, and lookups are point reads by id. */
const PEOPLE_PARTITION = 'person';

/** How often a sighting retries when the row changed between its read and its write. */
const SIGHTING_WRITE_ATTEMPTS = 5;

/** Point reads run at most this many at a time, to be gentle on the service for long lists. */
const READ_CONCURRENCY = 10;

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

  async getPeople(personIds: Iterable<string>): Promise<Map<string, Person>> {
    await this.table.ready();
    const unique = [...new Set(personIds)];
    const found = new Map<string, Person>();
    for (let start = 0; start < unique.length; start += READ_CONCURRENCY) {
      const batch = unique.slice(start, start + READ_CONCURRENCY);
      const rows = await Promise.all(
        batch.map((personId) => getEntityIfExists(this.client, PEOPLE_PARTITION, encodeKey(personId))),
      );
      rows.forEach((row, index) => {
        const personId = batch[index];
        if (row && personId !== undefined) found.set(personId, toPerson(row));
      });
    }
    return found;
  }

  async *listPeople(): AsyncIterable<Person> {
    await this.table.ready();
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${PEOPLE_PARTITION}` },
    });
    const iterator = rows[Symbol.asyncIterator]();
    for (;;) {
      const next = await callStorage('listing people', () => iterator.next());
      if (next.done === true) return;
      yield toPerson(next.value);
    }
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

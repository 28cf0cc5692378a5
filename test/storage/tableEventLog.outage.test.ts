/**
 * Storage does not answer. Every operation must fail fast with `StorageUnavailableError` – which the bot
 * turns into "not saved, try again" – and never with the SDK's raw `RestError`.
 */
import { describe, expect, it } from 'vitest';
import { startAzuriteTables } from '../../local/azurite';
import { StorageUnavailableError } from '../../storage/eventLog';
import { TableEventLog } from '../../storage/tableEventLog';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';
import { appendOnto, caseOpened, collect, uniqueCaseId } from './caseFixtures';
import { failureOf } from './eventLog.contract';

/** The connection string of an Azurite that was started and closed again: its port refuses connections. */
async function closedStorage(): Promise<string> {
  const azurite = await startAzuriteTables();
  await azurite.close();
  return azurite.connectionString;
}

const noRetries = { retryOptions: { maxRetries: 0 } };

describe('TableEventLog when storage is down', () => {
  it('throws StorageUnavailableError from every operation', async () => {
    const connectionString = await closedStorage();
    const log = TableEventLog.fromConnectionString(connectionString, { clientOptions: noRetries });
    const caseId = uniqueCaseId();

    const failures = [
      await failureOf(log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]))),
      await failureOf(log.readHead(caseId)),
      await failureOf(collect(log.readEvents(caseId))),
      await failureOf(log.findDelivery(caseId, 'activity-1')),
      await failureOf(log.verify(caseId)),
      await failureOf(collect(log.listCases())),
    ];

    for (const failure of failures) {
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect((failure as StorageUnavailableError).text.en).toContain('Not saved');
    }
  });

  it('throws StorageUnavailableError from the people directory too', async () => {
    const connectionString = await closedStorage();
    const people = TablePeopleDirectory.fromConnectionString(connectionString, { clientOptions: noRetries });

    expect(await failureOf(people.getPeople(['someone']))).toBeInstanceOf(StorageUnavailableError);
    expect(
      await failureOf(
        people.upsertPerson({
          personId: 'someone',
          displayName: 'Someone',
          seenAt: '2025-01-01T00:00:00.000Z',
        }),
      ),
    ).toBeInstanceOf(StorageUnavailableError);
    expect(await failureOf(people.erasePerson('someone', '2025-01-01T00:00:00.000Z'))).toBeInstanceOf(
      StorageUnavailableError,
    );
  });
});

/**
 * The app's services on Azurite, as production wires them (runtime/bot.ts `createAppServices`), but in
 * tables of their own so that test files can run side by side on one Azurite.
 */
import { randomUUID } from 'node:crypto';
import { CaseService } from '../../application/caseService';
import { builtInTemplates } from '../../engine';
import type { AppServices } from '../../runtime/bot';
import { createTableClient } from '../../runtime/tables';
import { TableConversationStore } from '../../storage/tableConversationStore';
import { TableEventLog } from '../../storage/tableEventLog';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';

export function uniqueTableName(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

export function tableServices(connectionString: string, clock: () => Date = () => new Date()): AppServices {
  const table = (prefix: string) => createTableClient(connectionString, uniqueTableName(prefix));
  const log = new TableEventLog(table('events'), table('directory'));
  const templates = builtInTemplates();
  return {
    cases: new CaseService({ log, templates }),
    log,
    templates,
    conversations: new TableConversationStore(table('conversations')),
    people: new TablePeopleDirectory(table('people')),
    clock,
  };
}

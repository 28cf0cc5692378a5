/**
 * JSON (one document, full fidelity) and JSON Lines (one record a line, for streaming tools such as jq,
 * pandas or DuckDB). Both keep everything the log stores about each event: sequence number, time, type,
 * the chain hashes (`prevHash`, `hash`), revisions and the frozen gate bases, with person ids replaced by
 * the export's labels and known names replaced in free text. The delivery id is there only with real
 * names: delivery ids are built from activity ids and, for role changes and dashboard decisions, from
 * person ids. The export's notice (what was pseudonymised and how, whose text is withheld) comes first.
 *
 * The hashes are the stored ones. A pseudonymised event no longer hashes to them (its ids and names were
 * replaced), so each case also says whether the chain checked out on the stored content while it was
 * exported (`chain`), and each event whether it did (`chainOk`).
 *
 * An idea or a barrier says how it was recorded (`recordedVia`: `message` or `chat`); one kept from a
 * Teams message carries its `origin` as pseudonymised (research/pseudonymiseEvent.ts): the writer's
 * label, the time it was written and the message id as a token, the link only with real names.
 *
 * The JSON document is written as it is read: the opening, then each event as it comes, then the
 * closing with the participants, so it is valid JSON only once complete, but never held whole.
 */
import type { ExportItem, ExportSession, ProjectedEvent } from '../exportModel';
import { exportNotice } from '../exportNotice';

export const JSON_EXPORT_KIND = 'innovation-gates/research-export';
/** 2: no delivery ids when pseudonymised, `withheld`, `process`, `chainProblem`, the notice. */
export const JSON_EXPORT_VERSION = 2;

/** The stable record of one event in both JSON formats. */
export function eventRecord(event: ProjectedEvent): Record<string, unknown> {
  return {
    seq: event.seq,
    at: event.at,
    type: event.type,
    actor: event.actor,
    actorRoles: event.actorRoles,
    process: event.process,
    ...(event.withheld === true && { withheld: 'noResearchConsent' }),
    ...(event.deliveryId !== undefined && { deliveryId: event.deliveryId }),
    prevHash: event.prevHash,
    hash: event.hash,
    chainOk: event.chainOk,
    ...(event.chainProblem !== undefined && { chainProblem: event.chainProblem }),
    ...(event.recordedVia !== undefined && { recordedVia: event.recordedVia }),
    event: event.event,
  };
}

export async function* jsonExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  const notice = exportNotice({ meta: session.meta, withheld: session.withheldParticipants() });
  yield `{"kind":${JSON.stringify(JSON_EXPORT_KIND)},"version":${JSON_EXPORT_VERSION},`;
  yield `"export":${JSON.stringify(session.meta)},\n"notice":${JSON.stringify(notice)},\n"cases":[`;
  let cases = 0;
  let eventsInCase = 0;
  for await (const item of items) {
    switch (item.kind) {
      case 'caseStart':
        yield `${cases > 0 ? ',' : ''}\n{"caseId":${JSON.stringify(item.header.caseId)},"header":${JSON.stringify(item.header)},"events":[`;
        cases += 1;
        eventsInCase = 0;
        break;
      case 'event':
        yield `${eventsInCase > 0 ? ',' : ''}\n${JSON.stringify(eventRecord(item.event))}`;
        eventsInCase += 1;
        break;
      case 'caseEnd':
        yield `\n],"summary":${JSON.stringify(item.summary)}}`;
        break;
    }
  }
  yield `\n],\n"participants":${JSON.stringify(session.participants())}}\n`;
}

export async function* jsonLinesExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  const notice = exportNotice({ meta: session.meta, withheld: session.withheldParticipants() });
  yield `${JSON.stringify({ record: 'export', kind: JSON_EXPORT_KIND, version: JSON_EXPORT_VERSION, ...session.meta, notice })}\n`;
  for await (const item of items) {
    switch (item.kind) {
      case 'caseStart':
        yield `${JSON.stringify({ record: 'case', ...item.header })}\n`;
        break;
      case 'event':
        yield `${JSON.stringify({ record: 'event', caseId: item.event.caseId, ...eventRecord(item.event) })}\n`;
        break;
      case 'caseEnd':
        yield `${JSON.stringify({ record: 'caseSummary', ...item.summary })}\n`;
        break;
    }
  }
  yield `${JSON.stringify({ record: 'participants', participants: session.participants() })}\n`;
}

/**
 * REFI-QDA project exchange (.qdpx, QDA-XML 1.0): a ZIP holding `project.qde` and a flat `sources/`
 * folder, which NVivo, ATLAS.ti and MAXQDA import as a project.
 *
 * - One Case per innovation case, named as in the CSV classification sheet, with the same variables as
 *   the case sheet's columns (research/caseAttributes.ts: status, dates, days open and paused, per stage
 *   days, paused days and rounds, the political decisions' body, date and case number, the idea source,
 *   whether the hash chain verified) and a SourceRef to each of its sources.
 * - One TextSource per documentation answer (each revision), per political decision reference, per idea,
 *   per barrier and per decision: every approval (with or without a comment), every gate pass, every
 *   send-back, pause, resume, stop and withdrawn review. Its text is a short heading (case, stage and
 *   round, prompt or decision, who with their role, and when) and the body; one PlainTextSelection covers
 *   exactly the body and is coded with the codes for its stage, its prompt, its decision (one code per
 *   kind of decision), "idea" and its source, or "barrier" and its category. The stage-1 answer to
 *   "where did the idea come from" carries the idea-source code too. An idea or a barrier is coded with how
 *   it was recorded (from a Teams message, or typed to the bot); for a message, who wrote it (their
 *   pseudonym) and when stand in its heading and its description. A decision's text also holds the
 *   documentation it was based on, as it stood.
 * - Users are the export's participants, by their stable pseudonym ("Deltaker 3", "Deltakar 3") unless real names
 *   were asked for; their GUIDs follow the pseudonym number, so two exports name a person alike.
 * - Researcher memos are Notes, linked (Links) to the source of the event they are about, or to the case.
 * - The project's description is the export notice, and says which case's hash chain is broken where;
 *   each source from an event that does not check out, or that follows one, says so in its description.
 *
 * Memory: the writer is a generator, so nothing is produced ahead of its reader (backpressure all the
 * way to the HTTP response). Each source text goes into the ZIP as its event is read; its XML description
 * is spooled (spool.ts), as is the ZIP's central-directory record (zipWriter.ts), and `project.qde` is
 * assembled from the spools last. What stays in memory grows only with the number of people (pseudonyms
 * and the name index) and of templates (the code book), plus one bit per event of the current case (to
 * link a memo to the source of the event it is about).
 *
 * Why this file is long (about 500 lines): it writes one XML document (`project.qde`) whose parts (users,
 * codes, cases with their variables, sources and their codings) refer to each other by GUID and must be
 * written in the schema's order; the ZIP and the spools are in their own files.
 *
 * Why one file (~500 lines): the sources, their selections and the codes on them are written in one
 * streaming pass whose ids must agree; the ZIP writer and the spools are already apart (`qdpx/`).
 */
import type { Language, Localized } from '../../engine/localized';
import { caseAttributes, attributeText, type AttributeType } from '../caseAttributes';
import { POLITICAL_DECISION_PROMPT, UNSPECIFIED_IDEA_SOURCE } from '../caseTracker';
import {
  RECORDED_VIA,
  type ExportItem,
  type ExportSession,
  type ProjectedEvent,
  type TemplateLabels,
} from '../exportModel';
import { exportNotice } from '../exportNotice';
import { localDateTime } from '../localTime';
import {
  DECISION_KIND_NAMES,
  DECISION_KINDS,
  OUTCOME_NAMES,
  RECORDED_VIA_HEADING,
  RECORDED_VIA_NAMES,
  decisionKindOf,
  recordedViaPhrase,
  word,
  type DecisionKind,
} from '../vocabulary';
import type { Spool, SpoolFactory } from './spool';
import { attributes, codePoints, escapeText, guidFrom, GuidFamily, xmlSafe } from './xml';
import { ZipWriter } from './zipWriter';

export interface QdpxOptions {
  spools: SpoolFactory;
}

/** Codes every export's code book holds, whatever the templates. */
const ROOT_CODES = {
  stages: { nb: 'Steg', nn: 'Steg', en: 'Stage' },
  prompts: { nb: 'Spørsmål', nn: 'Spørsmål', en: 'Prompt' },
  decisions: { nb: 'Beslutninger', nn: 'Avgjerder', en: 'Decisions' },
  idea: { nb: 'Idé', nn: 'Idé', en: 'Idea' },
  ideaSources: { nb: 'Idékilde', nn: 'Idékjelde', en: 'Idea source' },
  unspecified: { nb: 'Kilde ikke oppgitt', nn: 'Kjelde ikkje oppgjeven', en: 'Source not given' },
  barrier: { nb: 'Barriere', nn: 'Barriere', en: 'Barrier' },
  politicalDecision: { nb: 'Politisk vedtak', nn: 'Politisk vedtak', en: 'Political decision' },
} as const;

const SOURCE_TEXTS = {
  decidedBy: { nb: 'Besluttet av', nn: 'Avgjort av', en: 'Decided by' },
  approvedBy: { nb: 'Godkjent av', nn: 'Godkjent av', en: 'Approved by' },
  noComment: {
    nb: 'Godkjent uten kommentar.',
    nn: 'Godkjent utan kommentar.',
    en: 'Approved without a comment.',
  },
  resumed: { nb: 'Saken ble gjenopptatt.', nn: 'Saka vart teken opp att.', en: 'The case was resumed.' },
  pausedFor: { nb: 'Pausen varte', nn: 'Pausen varte', en: 'The pause lasted' },
  days: { nb: 'dager', nn: 'dagar', en: 'days' },
  idleSource: { nb: 'Idékilde', nn: 'Idékjelde', en: 'Idea source' },
  chainHere: {
    nb: 'Hash-kjeden brytes ved denne hendelsen',
    nn: 'Hash-kjeda blir broten ved denne hendinga',
    en: 'The hash chain breaks at this event',
  },
  chainBefore: {
    nb: 'Hash-kjeden er brutt tidligere i saken, ved hendelse',
    nn: 'Hash-kjeda er broten tidlegare i saka, ved hending',
    en: 'The hash chain is broken earlier in the case, at event',
  },
  chainSummary: { nb: 'Hash-kjeden', nn: 'Hash-kjeda', en: 'Hash chain' },
  chainOk: { nb: 'alle saker er intakte', nn: 'alle saker er intakte', en: 'every case is intact' },
  chainBrokenIn: { nb: 'BRUTT i sak', nn: 'BROTEN i sak', en: 'BROKEN in case' },
  atEvent: { nb: 'ved hendelse', nn: 'ved hending', en: 'at event' },
  project: { nb: 'Forskningseksport', nn: 'Forskingseksport', en: 'Research export' },
} satisfies Record<string, Record<Language, string>>;

const VALUE_ELEMENT: Record<AttributeType, string> = {
  Text: 'TextValue',
  Integer: 'IntegerValue',
  Float: 'FloatValue',
  Date: 'DateValue',
  Boolean: 'BooleanValue',
};

/**
 * GUIDs asked for again and again (every coding names its code, every source its user), kept once
 * computed. Both sets are small (the code book, the participants); the cap only guards against a
 * caller that would pass endless keys.
 */
class GuidCache {
  private readonly known = new Map<string | number, string>();

  constructor(private readonly make: (key: string | number) => string) {}

  get(key: string | number): string {
    let guid = this.known.get(key);
    if (guid === undefined) {
      guid = this.make(key);
      if (this.known.size >= 10_000) this.known.clear();
      this.known.set(key, guid);
    }
    return guid;
  }
}

const codeGuids = new GuidCache((key) => guidFrom('code', key));
const userGuids = new GuidCache((number) => guidFrom('user', number));

export function codeGuid(key: string): string {
  return codeGuids.get(key);
}
export function caseGuid(caseId: string): string {
  return guidFrom('case', caseId);
}
/**
 * The GUIDs of the source an event becomes, from one digest: the source itself (index 0, the same GUID
 * as `guidFrom('source', caseId, seq)`), its selection (1) and its codings (2, 3, … in the order of the
 * source's codes).
 */
export function sourceGuids(caseId: string, seq: number): GuidFamily {
  return new GuidFamily('source', caseId, seq);
}
export function sourceGuid(caseId: string, seq: number): string {
  return sourceGuids(caseId, seq).at(0);
}
/** A participant's GUID follows their stable pseudonym number: the same in every export. */
export function userGuid(number: number): string {
  return userGuids.get(number);
}
function variableGuid(key: string): string {
  return guidFrom('variable', key);
}

/** A source's text and where, in code points, the coded body lies in it. */
export interface SourceText {
  name: string;
  text: string;
  start: number;
  end: number;
  codes: string[];
}

function composeSource(
  name: string,
  heading: string[],
  body: string,
  codes: string[],
  trailer?: string,
): SourceText {
  const head = `${xmlSafe(heading.join('\n'))}\n\n`;
  const cleanBody = xmlSafe(body);
  const text = trailer === undefined ? head + cleanBody : `${head}${cleanBody}\n\n${xmlSafe(trailer)}`;
  const start = codePoints(head);
  return { name: xmlSafe(name), text, start, end: start + codePoints(cleanBody), codes };
}

function basisTrailer(event: ProjectedEvent, language: Language): string | undefined {
  const basis = event.basis;
  if (basis === undefined) return undefined;
  const frozen =
    event.basisFrozenAt !== undefined && event.basisFrozenAt !== event.seq ? ` #${event.basisFrozenAt}` : '';
  const head: Localized = {
    nb: `Grunnlag: dokumentasjonen slik den sto${frozen === '' ? '' : `, frosset ved hendelse${frozen}`} (hash ${basis.hash})`,
    nn: `Grunnlag: dokumentasjonen slik han stod${frozen === '' ? '' : `, frosen ved hending${frozen}`} (hash ${basis.hash})`,
    en: `Basis: the documentation as it stood${frozen === '' ? '' : `, frozen at event${frozen}`} (hash ${basis.hash})`,
  };
  const lines = [head[language]];
  for (const answer of basis.answers) {
    lines.push(
      `- ${answer.prompt} (${word('revision', language)} ${answer.revision}): ${answer.text ?? '?'}`,
    );
  }
  if (basis.politicalDecision !== undefined) {
    lines.push(
      `- ${word('politicalDecision', language)} (${word('revision', language)} ${basis.politicalDecision.revision}): ${basis.politicalDecision.text ?? '?'}`,
    );
  }
  return lines.join('\n');
}

/** The source an event becomes, if any; see the module comment for which events do. */
export function sourceFor(
  event: ProjectedEvent,
  language: Language,
  timeZone: string,
): SourceText | undefined {
  const stage = `${event.stageTitle ?? ''}, ${word('round', language)} ${event.round ?? 1}`;
  const who = `${localDateTime(event.at, timeZone)} · ${event.actorLabel}`;
  const stageCode = event.stageId === undefined ? [] : [`stage:${event.stageId}`];
  const prefix = `${event.caseId} #${event.seq}`;
  const ideaCodes = (event.ideaSources ?? []).map((source) => `ideaSource:${source}`);
  const via = recordedViaLine(event, language, timeZone);
  const viaCodes = event.recordedVia === undefined ? [] : [`recordedVia:${event.recordedVia}`];
  const decision = (kind: DecisionKind, body: string, extra: string[] = []): SourceText => {
    const kindName = DECISION_KIND_NAMES[kind][language];
    return composeSource(
      `${prefix} ${event.stageTitle ?? ''} – ${kindName}`,
      [event.caseName, `${word('gate', language)}: ${stage}`, `${kindName} · ${who}`, ...extra],
      body,
      [...stageCode, `decision:${kind}`],
      basisTrailer(event, language),
    );
  };
  const kind = decisionKindOf(event.type, event.outcome);
  if (kind !== undefined) {
    const outcomeName = event.outcome === undefined ? '' : OUTCOME_NAMES[event.outcome][language];
    switch (event.type) {
      case 'GatePassed':
        return decision(kind, event.text ?? outcomeName, [
          `${SOURCE_TEXTS.approvedBy[language]}: ${(event.approvers ?? event.people ?? []).join(', ')}`,
        ]);
      case 'GateApprovalGiven':
        return decision(kind, event.text ?? SOURCE_TEXTS.noComment[language], [
          `${SOURCE_TEXTS.decidedBy[language]}: ${event.actorLabel}`,
        ]);
      case 'GateSentBack':
        return decision(kind, event.text ?? outcomeName, [
          `→ ${event.toStageTitle ?? event.toStageId ?? ''}`,
        ]);
      case 'CaseResumed':
        return decision(kind, SOURCE_TEXTS.resumed[language], event.text === undefined ? [] : [event.text]);
      default:
        return decision(kind, event.text ?? outcomeName);
    }
  }
  switch (event.type) {
    case 'DocumentationRecorded':
    case 'PoliticalDecisionRecorded': {
      const political = event.type === 'PoliticalDecisionRecorded';
      return composeSource(
        `${prefix} ${event.stageTitle ?? ''} – ${event.prompt ?? ''} (${word('revision', language)} ${event.revision ?? 1})`,
        [
          event.caseName,
          stage,
          `${event.prompt ?? ''} (${word('revision', language)} ${event.revision ?? 1})`,
          who,
        ],
        event.text ?? '',
        [
          ...stageCode,
          political ? 'politicalDecision' : `prompt:${event.promptId ?? POLITICAL_DECISION_PROMPT}`,
          ...ideaCodes,
        ],
      );
    }
    case 'IdeaRecorded':
      return composeSource(
        `${prefix} ${word('idea', language)} – ${event.stageTitle ?? ''}`,
        [
          event.caseName,
          stage,
          `${word('idea', language)} · ${SOURCE_TEXTS.idleSource[language]}: ${event.categoryLabel ?? ROOT_CODES.unspecified[language]}`,
          who,
          ...via,
        ],
        event.text ?? '',
        [...stageCode, 'idea', ...ideaCodes, ...viaCodes],
      );
    case 'BarrierRecorded':
      return composeSource(
        `${prefix} ${word('barrier', language)} – ${event.categoryLabel ?? event.category ?? ''}`,
        [
          event.caseName,
          stage,
          `${word('barrier', language)} · ${word('barrierCategory', language)}: ${event.categoryLabel ?? event.category ?? ''}`,
          who,
          ...via,
        ],
        event.text ?? '',
        [...stageCode, 'barrier', `barrier:${event.category ?? 'other'}`, ...viaCodes],
      );
    default:
      return undefined;
  }
}

/**
 * How an idea or a barrier was recorded, as one line for its source's heading and description: "Fra en
 * melding av Deltaker 3, skrevet 2026-12-01 09:15 (+01:00)" or "Skrevet til boten"; none for other events.
 */
export function recordedViaLine(event: ProjectedEvent, language: Language, timeZone: string): string[] {
  if (event.recordedVia === undefined) return [];
  const phrase = recordedViaPhrase(
    event.recordedVia,
    event.writtenBy,
    event.writtenAt === undefined ? undefined : localDateTime(event.writtenAt, timeZone),
  )[language];
  return [phrase.charAt(0).toUpperCase() + phrase.slice(1)];
}

/** What a source's description says about the hash chain, if anything is wrong. */
function chainDescription(event: ProjectedEvent, language: Language): string | undefined {
  if (event.chainProblem !== undefined) {
    return `${SOURCE_TEXTS.chainHere[language]}: ${event.chainProblem.detail}`;
  }
  if (event.chainBrokenAt !== undefined)
    return `${SOURCE_TEXTS.chainBefore[language]} #${event.chainBrokenAt}.`;
  return undefined;
}

/** One bit per event of a case: did it become a source (so a memo about it can link to it)? */
class SeqBits {
  private bits = new Uint8Array(64);
  set(seq: number): void {
    const byte = seq >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte] = (this.bits[byte] ?? 0) | (1 << (seq & 7));
  }
  has(seq: number): boolean {
    return ((this.bits[seq >> 3] ?? 0) & (1 << (seq & 7))) !== 0;
  }
}

/** Output is handed on in pieces of about this many bytes (a source entry alone is a few hundred). */
const OUTPUT_PIECE_BYTES = 64 * 1024;

/** Output pieces gathered until there are enough to hand on as one. */
class GatheredOutput {
  private pieces: Buffer[] = [];
  size = 0;

  push(piece: Buffer): void {
    this.pieces.push(piece);
    this.size += piece.length;
  }

  take(): Buffer {
    const joined = Buffer.concat(this.pieces);
    this.pieces = [];
    this.size = 0;
    return joined;
  }
}

export async function* qdpxExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
  options: QdpxOptions,
): AsyncGenerator<Uint8Array> {
  const { meta } = session;
  const language = meta.language;
  const opened: Spool[] = [];
  const spool = async (name: string): Promise<Spool> => {
    const created = await options.spools(name);
    opened.push(created);
    return created;
  };
  // Every spool is removed however the export ends: finished, failed, or abandoned by its reader (a
  // generator's `finally` runs when the consumer stops early).
  try {
    const zip = new ZipWriter(await spool('zip'));
    const cases = await spool('cases');
    const sources = await spool('sources');
    const notes = await spool('notes');
    const links = await spool('links');
    const counts = { cases: 0, sources: 0, notes: 0, links: 0 };
    const brokenChains: { caseName: string; seq: number; detail: string }[] = [];
    await session.prepare();
    let caseRefs: Spool | undefined;
    let seqBits = new SeqBits();
    const output = new GatheredOutput();

    for await (const item of items) {
      if (item.kind === 'caseStart') {
        caseRefs = await spool('case');
        seqBits = new SeqBits();
        continue;
      }
      if (item.kind === 'caseEnd') {
        const summary = item.summary;
        if (!summary.chain.ok && summary.chain.firstMismatch !== undefined) {
          brokenChains.push({
            caseName: summary.caseName,
            seq: summary.chain.firstMismatch.seq,
            detail: summary.chain.firstMismatch.detail,
          });
        }
        let xml = `<Case${attributes({ guid: caseGuid(summary.caseId), name: summary.caseName })}>`;
        xml += `<Description>${escapeText(`${summary.title} · ${summary.caseId}`)}</Description>`;
        for (const attribute of caseAttributes(session.templateLabels(), language, meta.timeZone)) {
          const value = attributeText(attribute.value(summary));
          if (value === '') continue;
          const element = VALUE_ELEMENT[attribute.type];
          xml += `<VariableValue><VariableRef targetGUID="${variableGuid(attribute.key)}"/><${element}>${escapeText(value)}</${element}></VariableValue>`;
        }
        await cases.write(xml);
        if (caseRefs) {
          for await (const part of caseRefs.read()) await cases.write(part);
          await caseRefs.dispose();
          caseRefs = undefined;
        }
        await cases.write('</Case>\n');
        counts.cases += 1;
        continue;
      }
      const event = item.event;
      const user = event.actorNumber === undefined ? undefined : userGuid(event.actorNumber);
      if (event.type === 'MemoRecorded') {
        const noteGuid = guidFrom('note', event.caseId, event.seq);
        await notes.write(
          `<Note${attributes({
            guid: noteGuid,
            name: `${word('memo', language)} ${event.caseId} #${event.seq}`,
            creatingUser: user,
            creationDateTime: event.at,
          })}><PlainTextContent>${escapeText(event.text ?? '')}</PlainTextContent></Note>\n`,
        );
        counts.notes += 1;
        const target =
          event.aboutSeq !== undefined && seqBits.has(event.aboutSeq)
            ? sourceGuid(event.caseId, event.aboutSeq)
            : caseGuid(event.caseId);
        await links.write(
          `<Link${attributes({
            guid: guidFrom('link', event.caseId, event.seq),
            name:
              event.aboutSeq === undefined
                ? `${word('memo', language)}`
                : `${word('memo', language)} → #${event.aboutSeq}`,
            direction: 'OneWay',
            originGUID: noteGuid,
            targetGUID: target,
          })}/>\n`,
        );
        counts.links += 1;
        continue;
      }
      const source = sourceFor(event, language, meta.timeZone);
      if (source === undefined) continue;
      const guids = sourceGuids(event.caseId, event.seq);
      const guid = guids.at(0);
      // The source text leaves with the next output piece; only its XML description is spooled for
      // project.qde.
      for (const piece of await zip.entryPieces(
        `sources/${guid}.txt`,
        Buffer.from(source.text, 'utf8'),
        new Date(event.at),
      )) {
        output.push(piece);
      }
      if (output.size >= OUTPUT_PIECE_BYTES) yield output.take();
      seqBits.set(event.seq);
      const stamp = { creatingUser: user, creationDateTime: event.at };
      let xml = `<TextSource${attributes({ guid, name: source.name, plainTextPath: `internal://${guid}.txt`, ...stamp })}>`;
      const description = [
        ...recordedViaLine(event, language, meta.timeZone),
        ...[chainDescription(event, language)].filter((line) => line !== undefined),
      ];
      if (description.length > 0) xml += `<Description>${escapeText(description.join('\n'))}</Description>`;
      xml += `<PlainTextSelection${attributes({
        guid: guids.at(1),
        name: source.name,
        startPosition: source.start,
        endPosition: source.end,
        ...stamp,
      })}>`;
      source.codes.forEach((code, index) => {
        xml += `<Coding${attributes({ guid: guids.at(2 + index), ...stamp })}><CodeRef targetGUID="${codeGuid(code)}"/></Coding>`;
      });
      xml += '</PlainTextSelection></TextSource>\n';
      await sources.write(xml);
      await caseRefs?.write(`<SourceRef targetGUID="${guid}"/>`);
      counts.sources += 1;
    }

    if (output.size > 0) yield output.take();
    yield* zip.streamedEntry(
      'project.qde',
      projectXml(session, { cases, sources, notes, links }, counts, brokenChains),
      new Date(meta.createdAt),
    );
    yield* zip.finish();
  } finally {
    await Promise.all(opened.map((s) => s.dispose()));
  }
}

async function* projectXml(
  session: ExportSession,
  parts: Record<'cases' | 'sources' | 'notes' | 'links', Spool>,
  counts: Record<'cases' | 'sources' | 'notes' | 'links', number>,
  brokenChains: readonly { caseName: string; seq: number; detail: string }[],
): AsyncGenerator<Buffer> {
  const { meta } = session;
  const language = meta.language;
  const encode = (text: string): Buffer => Buffer.from(text, 'utf8');
  yield encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"${attributes({
      name: `${SOURCE_TEXTS.project[language]} ${meta.exportId}`,
      origin: meta.generator,
      creationDateTime: meta.createdAt,
    })}>\n`,
  );
  const participants = session.participants();
  if (participants.length > 0) {
    yield encode('<Users>\n');
    for (const participant of participants) {
      yield encode(
        `<User${attributes({ guid: userGuid(participant.number), name: participant.label, id: `P${participant.number}` })}/>\n`,
      );
    }
    yield encode('</Users>\n');
  }
  yield encode(codeBook(session.templateLabels(), language));
  yield encode('<Variables>\n');
  for (const attribute of caseAttributes(session.templateLabels(), language, meta.timeZone)) {
    yield encode(
      `<Variable${attributes({ guid: variableGuid(attribute.key), name: attribute.name, typeOfVariable: attribute.type })}/>\n`,
    );
  }
  yield encode('</Variables>\n');
  const section = async function* (element: string, spool: Spool, count: number): AsyncGenerator<Buffer> {
    if (count === 0) return;
    yield encode(`<${element}>\n`);
    yield* spool.read();
    yield encode(`</${element}>\n`);
  };
  yield* section('Cases', parts.cases, counts.cases);
  yield* section('Sources', parts.sources, counts.sources);
  yield* section('Notes', parts.notes, counts.notes);
  yield* section('Links', parts.links, counts.links);
  const chain =
    brokenChains.length === 0
      ? `${SOURCE_TEXTS.chainSummary[language]}: ${SOURCE_TEXTS.chainOk[language]}.`
      : brokenChains
          .map(
            (broken) =>
              `${SOURCE_TEXTS.chainSummary[language]}: ${SOURCE_TEXTS.chainBrokenIn[language]} ${broken.caseName}, ${SOURCE_TEXTS.atEvent[language]} #${broken.seq}: ${broken.detail}`,
          )
          .join('\n');
  const notice = exportNotice({ meta, withheld: session.withheldParticipants() });
  yield encode(`<Description>${escapeText([chain, ...notice].join('\n\n'))}</Description>\n`);
  yield encode('</Project>\n');
}

/**
 * The code book: stages, prompts (grouped by stage), decisions (one code per kind), ideas, idea sources,
 * barrier categories, how an idea or a barrier was recorded (from a Teams message, or typed to the bot)
 * and political decisions.
 */
export function codeBook(templates: readonly TemplateLabels[], language: Language): string {
  const code = (key: string, name: string, codable: boolean, children = ''): string =>
    `<Code${attributes({ guid: codeGuid(key), name, isCodable: codable })}${children === '' ? '/>' : `>${children}</Code>`}\n`;
  // Codes are keyed by id, not by template version, so the same stage or category in two templates (or
  // two versions of one) is one code; the first template met names it.
  const stages = new Map<string, string>();
  const promptGroups = new Map<string, Map<string, string>>();
  const ideaSources = new Map<string, string>();
  const barrierCategories = new Map<string, string>();
  for (const template of templates) {
    for (const stage of template.stages) {
      if (!stages.has(stage.id)) stages.set(stage.id, stage.title);
      const group = promptGroups.get(stage.id) ?? new Map<string, string>();
      for (const prompt of stage.prompts) if (!group.has(prompt.id)) group.set(prompt.id, prompt.label);
      promptGroups.set(stage.id, group);
    }
    for (const source of template.ideaSources)
      if (!ideaSources.has(source.id)) ideaSources.set(source.id, source.label);
    for (const category of template.barrierCategories) {
      if (!barrierCategories.has(category.id)) barrierCategories.set(category.id, category.label);
    }
  }
  ideaSources.set(UNSPECIFIED_IDEA_SOURCE, ROOT_CODES.unspecified[language]);
  const children = (entries: Map<string, string>, prefix: string): string =>
    [...entries].map(([id, name]) => code(`${prefix}:${id}`, name, true)).join('');
  const prompts = [...promptGroups]
    .map(([stageId, group]) =>
      code(`prompt-group:${stageId}`, stages.get(stageId) ?? stageId, false, children(group, 'prompt')),
    )
    .join('');
  const decisions = DECISION_KINDS.map((kind) =>
    code(`decision:${kind}`, DECISION_KIND_NAMES[kind][language], true),
  ).join('');
  return (
    '<CodeBook><Codes>\n' +
    code('stages', ROOT_CODES.stages[language], false, children(stages, 'stage')) +
    code('prompts', ROOT_CODES.prompts[language], false, prompts) +
    code('decisions', ROOT_CODES.decisions[language], false, decisions) +
    code('idea', ROOT_CODES.idea[language], true) +
    code('ideaSources', ROOT_CODES.ideaSources[language], false, children(ideaSources, 'ideaSource')) +
    code('barrier', ROOT_CODES.barrier[language], true, children(barrierCategories, 'barrier')) +
    code(
      'recordedVia',
      RECORDED_VIA_HEADING[language],
      false,
      RECORDED_VIA.map((via) => code(`recordedVia:${via}`, RECORDED_VIA_NAMES[via][language], true)).join(''),
    ) +
    code('politicalDecision', ROOT_CODES.politicalDecision[language], true) +
    '</Codes></CodeBook>\n'
  );
}

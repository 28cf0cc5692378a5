/**
 * REFI-QDA project exchange (.qdpx, QDA-XML 1.0): a ZIP holding `project.qde` and a flat `sources/`
 * folder, which NVivo, ATLAS.ti and MAXQDA import as a project.
 *
 * - One Case per innovation case, named as in the CSV classification sheet, with variables (unit,
 *   municipality, template, status, stages reached and passed, dates, counts) and a SourceRef to each of
 *   its sources.
 * - One TextSource per documentation answer (each revision), per political decision reference, per gate
 *   decision (passed, sent back, paused, stopped, withdrawn, and approvals that carry conditions or a
 *   comment), per idea and per barrier. Its text is a short heading (case, stage and round, prompt, who
 *   and when) and the body; one PlainTextSelection covers exactly the body and is pre-coded with the
 *   codes for its stage, its prompt, the gate outcome, "idea" and its source, or "barrier" and its
 *   category. A gate decision's text also holds the documentation it was based on, as it stood.
 * - Users are the export's participants, pseudonymised ("Deltaker 3") unless real names were asked for.
 * - Researcher memos are Notes, linked (Links) to the source of the event they are about, or to the case.
 *
 * Memory: the writer is a generator, so nothing is produced ahead of its reader (backpressure all the
 * way to the HTTP response). Each source text goes into the ZIP as its event is read; its XML description
 * is spooled (spool.ts), as is the ZIP's central-directory record (zipWriter.ts), and `project.qde` is
 * assembled from the spools last. What stays in memory grows only with the number of people (pseudonyms
 * and the name index) and of templates (the code book), plus one bit per event of the current case (to
 * link a memo to the source of the event it is about).
 */
import type { Language } from '../../engine/localized';
import { POLITICAL_DECISION_PROMPT } from '../caseTracker';
import type {
  CaseSummaryView,
  ExportItem,
  ExportSession,
  ProjectedEvent,
  TemplateLabels,
} from '../exportModel';
import { DECISION_OUTCOMES, OUTCOME_NAMES, STATUS_NAMES, word, type DecisionOutcome } from '../vocabulary';
import type { Spool, SpoolFactory } from './spool';
import { attributes, codePoints, escapeText, guidFrom, xmlSafe } from './xml';
import { ZipWriter } from './zipWriter';

export interface QdpxOptions {
  spools: SpoolFactory;
}

/** Codes every export's code book holds, whatever the templates. */
const ROOT_CODES = {
  stages: { nb: 'Steg', en: 'Stage' },
  prompts: { nb: 'Spørsmål', en: 'Prompt' },
  outcomes: { nb: 'Portutfall', en: 'Gate outcome' },
  idea: { nb: 'Idé', en: 'Idea' },
  barrier: { nb: 'Barriere', en: 'Barrier' },
  politicalDecision: { nb: 'Politisk vedtak', en: 'Political decision' },
} as const;

const VARIABLES: { key: string; name: Record<Language, string>; type: 'Text' | 'Integer' | 'Date' }[] = [
  { key: 'unit', name: { nb: 'Enhet', en: 'Unit' }, type: 'Text' },
  { key: 'municipality', name: { nb: 'Kommune', en: 'Municipality' }, type: 'Text' },
  { key: 'template', name: { nb: 'Prosessmal', en: 'Template' }, type: 'Text' },
  { key: 'status', name: { nb: 'Status', en: 'Status' }, type: 'Text' },
  { key: 'currentStage', name: { nb: 'Nåværende steg', en: 'Current stage' }, type: 'Text' },
  { key: 'stagesReached', name: { nb: 'Steg nådd', en: 'Stages reached' }, type: 'Integer' },
  { key: 'stagesPassed', name: { nb: 'Steg godkjent', en: 'Stages passed' }, type: 'Integer' },
  { key: 'opened', name: { nb: 'Åpnet', en: 'Opened' }, type: 'Date' },
  { key: 'lastEvent', name: { nb: 'Siste hendelse', en: 'Last event' }, type: 'Date' },
  { key: 'completed', name: { nb: 'Fullført', en: 'Completed' }, type: 'Date' },
  { key: 'stopped', name: { nb: 'Stoppet', en: 'Stopped' }, type: 'Date' },
  { key: 'sendBacks', name: { nb: 'Tilbakesendinger', en: 'Send-backs' }, type: 'Integer' },
  { key: 'pauses', name: { nb: 'Pauser', en: 'Pauses' }, type: 'Integer' },
  { key: 'ideas', name: { nb: 'Ideer', en: 'Ideas' }, type: 'Integer' },
  { key: 'barriers', name: { nb: 'Barrierer', en: 'Barriers' }, type: 'Integer' },
];

function variableValues(
  summary: CaseSummaryView,
  language: Language,
): Record<string, string | number | undefined> {
  return {
    unit: summary.unit,
    municipality: summary.municipality,
    template: `${summary.templateTitle} (${summary.template.id} v${summary.template.version})`,
    status: STATUS_NAMES[summary.status][language],
    currentStage: summary.currentStageTitle,
    stagesReached: summary.stagesReached,
    stagesPassed: summary.stagesPassed,
    opened: summary.openedAt.slice(0, 10),
    lastEvent: summary.lastEventAt.slice(0, 10),
    completed: summary.completedAt?.slice(0, 10),
    stopped: summary.stoppedAt?.slice(0, 10),
    sendBacks: summary.counts.sendBacks,
    pauses: summary.counts.pauses,
    ideas: summary.counts.ideas,
    barriers: summary.counts.barriers,
  };
}

export function codeGuid(key: string): string {
  return guidFrom('code', key);
}
export function caseGuid(caseId: string): string {
  return guidFrom('case', caseId);
}
export function sourceGuid(caseId: string, seq: number): string {
  return guidFrom('source', caseId, seq);
}
export function userGuid(exportId: string, number: number): string {
  return guidFrom('user', exportId, number);
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
  const lines = [
    language === 'nb'
      ? `Grunnlag: dokumentasjonen slik den sto (hash ${basis.hash})`
      : `Basis: the documentation as it stood (hash ${basis.hash})`,
  ];
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
export function sourceFor(event: ProjectedEvent, language: Language): SourceText | undefined {
  const stage = `${event.stageTitle ?? ''}, ${word('round', language)} ${event.round ?? 1}`;
  const who = `${event.at} · ${event.actorLabel}`;
  const stageCode = event.stageId === undefined ? [] : [`stage:${event.stageId}`];
  const prefix = `${event.caseId} #${event.seq}`;
  const decision = (outcome: DecisionOutcome, body: string | undefined, extra: string[] = []): SourceText => {
    const outcomeName = OUTCOME_NAMES[outcome][language];
    return composeSource(
      `${prefix} ${word('gate', language)}: ${event.stageTitle ?? ''} – ${outcomeName}`,
      [event.caseName, `${word('gate', language)}: ${stage}`, `${outcomeName} · ${who}`, ...extra],
      body ?? outcomeName,
      [...stageCode, `outcome:${outcome}`],
      basisTrailer(event, language),
    );
  };
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
        ],
      );
    }
    case 'IdeaRecorded':
      return composeSource(
        `${prefix} ${word('idea', language)} – ${event.stageTitle ?? ''}`,
        [
          event.caseName,
          stage,
          `${word('idea', language)}${event.categoryLabel ? ` (${event.categoryLabel})` : ''}`,
          who,
        ],
        event.text ?? '',
        [...stageCode, 'idea', ...(event.category === undefined ? [] : [`idea:${event.category}`])],
      );
    case 'BarrierRecorded':
      return composeSource(
        `${prefix} ${word('barrier', language)} – ${event.categoryLabel ?? event.category ?? ''}`,
        [
          event.caseName,
          stage,
          `${word('barrier', language)} (${event.categoryLabel ?? event.category ?? ''})`,
          who,
        ],
        event.text ?? '',
        [...stageCode, 'barrier', `barrier:${event.category ?? 'other'}`],
      );
    case 'GatePassed':
      return decision(event.outcome ?? 'approved', event.text, [`${event.people?.join(', ') ?? ''}`]);
    case 'GateApprovalGiven':
      return event.text === undefined ? undefined : decision(event.outcome ?? 'approved', event.text);
    case 'GateSentBack':
      return decision('sentBack', event.text, [`→ ${event.toStageTitle ?? event.toStageId ?? ''}`]);
    case 'CasePaused':
      return decision('paused', event.text);
    case 'CaseStopped':
      return decision('stopped', event.text);
    case 'GateReviewWithdrawn':
      return decision('withdrawn', event.text);
    default:
      return undefined;
  }
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
    let caseRefs: Spool | undefined;
    let seqBits = new SeqBits();

    for await (const item of items) {
      if (item.kind === 'caseStart') {
        caseRefs = await spool('case');
        seqBits = new SeqBits();
        continue;
      }
      if (item.kind === 'caseEnd') {
        const summary = item.summary;
        const values = variableValues(summary, language);
        let xml = `<Case${attributes({ guid: caseGuid(summary.caseId), name: summary.caseName })}>`;
        xml += `<Description>${escapeText(`${summary.title} · ${summary.caseId}`)}</Description>`;
        for (const variable of VARIABLES) {
          const value = values[variable.key];
          if (value === undefined || value === '') continue;
          const element = { Text: 'TextValue', Integer: 'IntegerValue', Date: 'DateValue' }[variable.type];
          xml += `<VariableValue><VariableRef targetGUID="${variableGuid(variable.key)}"/><${element}>${escapeText(String(value))}</${element}></VariableValue>`;
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
      const user = event.actorNumber === undefined ? undefined : userGuid(meta.exportId, event.actorNumber);
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
      const source = sourceFor(event, language);
      if (source === undefined) continue;
      const guid = sourceGuid(event.caseId, event.seq);
      // The source text leaves at once; only its XML description is spooled for project.qde.
      yield* zip.entry(`sources/${guid}.txt`, Buffer.from(source.text, 'utf8'), new Date(event.at));
      seqBits.set(event.seq);
      const stamp = { creatingUser: user, creationDateTime: event.at };
      let xml = `<TextSource${attributes({ guid, name: source.name, plainTextPath: `internal://${guid}.txt`, ...stamp })}>`;
      xml += `<PlainTextSelection${attributes({
        guid: guidFrom('selection', event.caseId, event.seq),
        name: source.name,
        startPosition: source.start,
        endPosition: source.end,
        ...stamp,
      })}>`;
      for (const code of source.codes) {
        xml += `<Coding${attributes({ guid: guidFrom('coding', event.caseId, event.seq, code), ...stamp })}><CodeRef targetGUID="${codeGuid(code)}"/></Coding>`;
      }
      xml += '</PlainTextSelection></TextSource>\n';
      await sources.write(xml);
      await caseRefs?.write(`<SourceRef targetGUID="${guid}"/>`);
      counts.sources += 1;
    }

    yield* zip.streamedEntry(
      'project.qde',
      projectXml(session, { cases, sources, notes, links }, counts),
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
): AsyncGenerator<Buffer> {
  const { meta } = session;
  const language = meta.language;
  const encode = (text: string): Buffer => Buffer.from(text, 'utf8');
  yield encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"${attributes({
      name: `${language === 'nb' ? 'Forskningseksport' : 'Research export'} ${meta.exportId}`,
      origin: meta.generator,
      creationDateTime: meta.createdAt,
    })}>\n`,
  );
  const participants = session.participants();
  if (participants.length > 0) {
    yield encode('<Users>\n');
    for (const participant of participants) {
      yield encode(
        `<User${attributes({ guid: userGuid(meta.exportId, participant.number), name: participant.label, id: `P${participant.number}` })}/>\n`,
      );
    }
    yield encode('</Users>\n');
  }
  yield encode(codeBook(session.templateLabels(), language));
  yield encode('<Variables>\n');
  for (const variable of VARIABLES) {
    yield encode(
      `<Variable${attributes({ guid: variableGuid(variable.key), name: variable.name[language], typeOfVariable: variable.type })}/>\n`,
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
  yield encode('</Project>\n');
}

/** The code book: stages, prompts (grouped by stage), gate outcomes, idea sources, barrier categories. */
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
  const children = (entries: Map<string, string>, prefix: string): string =>
    [...entries].map(([id, name]) => code(`${prefix}:${id}`, name, true)).join('');
  const prompts = [...promptGroups]
    .map(([stageId, group]) =>
      code(`prompt-group:${stageId}`, stages.get(stageId) ?? stageId, false, children(group, 'prompt')),
    )
    .join('');
  const outcomes = DECISION_OUTCOMES.filter((outcome) => outcome !== 'resumed')
    .map((outcome) => code(`outcome:${outcome}`, OUTCOME_NAMES[outcome][language], true))
    .join('');
  return (
    '<CodeBook><Codes>\n' +
    code('stages', ROOT_CODES.stages[language], false, children(stages, 'stage')) +
    code('prompts', ROOT_CODES.prompts[language], false, prompts) +
    code('outcomes', ROOT_CODES.outcomes[language], false, outcomes) +
    code('idea', ROOT_CODES.idea[language], true, children(ideaSources, 'idea')) +
    code('barrier', ROOT_CODES.barrier[language], true, children(barrierCategories, 'barrier')) +
    code('politicalDecision', ROOT_CODES.politicalDecision[language], true) +
    '</Codes></CodeBook>\n'
  );
}

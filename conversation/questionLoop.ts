/**
 * The conversational documentation: the bot asks a stage's prompts one at a time and remembers which
 * one it asked (the conversation record's `pendingQuestion`), so a plain reply is read as the answer to
 * it. Which prompt comes next is the engine's rule (`nextOpenPrompt`); this module asks it in Teams.
 */
import type {
  CaseState,
  Language,
  Localized,
  ProcessTemplate,
  PromptDefinition,
  StageDefinition,
} from '../engine';
import {
  byLanguage,
  missingRequiredAnswers,
  nextOpenPrompt,
  politicalDecisionLack,
  skippedOpenPrompts,
  stageOf,
} from '../engine';
import type { ConversationRecord, PendingQuestion } from '../storage/conversationStore';
import type { EventLog } from '../storage/eventLog';
import { calendarDate, escapeMarkdown, statusCard } from '../cards';
import { answerHint } from './answerFromText';
import { texts } from './botTexts';
import type { ConversationBook, Place } from './conversationBook';
import type { PeopleView } from './peopleView';
import { postCard, postText, type Chat } from './chat';

/** The pending question's prompt id when the bot asked for the gate's political decision. */
export const POLITICAL_QUESTION = '@political-decision';

/** The question for a political decision: the first one, or a new round's, naming the earlier one. */
export function politicalQuestion(state: CaseState, stage: StageDefinition): Localized {
  const lack = politicalDecisionLack(state, stage);
  if (lack?.kind !== 'earlierRound') return texts.politicalQuestion(stage.title);
  const { body, meetingDate, caseNumber } = lack.record.reference;
  const earlier = (language: Language) =>
    `${escapeMarkdown(body)}, ${calendarDate(meetingDate, language)}, ${escapeMarkdown(caseNumber)}`;
  const round = state.stages[stage.id]?.round ?? 1;
  return byLanguage(
    (language) => texts.politicalQuestionNewRound(stage.title, round, earlier(language))[language],
  );
}

export interface AskOptions {
  /** Ask skipped prompts again, in the order they were skipped, when nothing else is open ("neste"). */
  reaskSkipped: boolean;
  /** The prompts skipped so far, in that order; by default those the record carries for this stage. */
  skipped?: string[];
  /**
   * Ask only if nobody has been asked anything in this stage since this time (a late delivery of "ask
   * the next question" must not repeat a question asked meanwhile).
   */
  unlessAskedSince?: string;
  /**
   * What the turn has just to say before the question ("saved …"), sent in the same message, so that
   * the group gets one message instead of two (and the turn makes one call to Teams, not two). Said on
   * its own when no question follows.
   */
  lead?: string;
}

export type AskResult = 'asked' | 'nothingOpen' | 'notAsking' | 'alreadyAsked';

/** The case's log, read only for a prompt that offers what the case has recorded. */
export type RecordedReader = Pick<EventLog, 'readEvents'>;

/**
 * What the case has recorded by command ("barriere …", "idé …") that a prompt offers as its answer,
 * oldest first, one line each in the case's language: "Turnus og skiftarbeid: vanskelig å samle folk",
 * "Faste besøkstider (Brukere eller pårørende)". Barriers and ideas live in the log, not in the case's
 * state (which only counts them), so this reads the case's events: only for the few prompts that ask.
 */
export async function recordedOffers(
  log: RecordedReader,
  state: CaseState,
  template: ProcessTemplate,
  prompt: PromptDefinition,
): Promise<string[]> {
  const kind = prompt.offersRecorded;
  if (kind === undefined) return [];
  const language = state.language;
  const lines: string[] = [];
  for await (const { event } of log.readEvents(state.caseId)) {
    if (kind === 'barriers' && event.type === 'BarrierRecorded') {
      const category = template.barrierCategories.find((c) => c.id === event.category);
      const named = category !== undefined && category.id !== 'other';
      lines.push(named ? `${category.label[language]}: ${event.text}` : event.text);
    } else if (kind === 'ideas' && event.type === 'IdeaRecorded') {
      const source = template.ideaSources.find((s) => s.id === event.source);
      lines.push(source === undefined ? event.text : `${event.text} (${source.label[language]})`);
    }
  }
  return lines;
}

export class QuestionLoop {
  constructor(
    private readonly book: ConversationBook,
    private readonly people: PeopleView,
    private readonly log: RecordedReader,
  ) {}

  /**
   * Asks the next open prompt of the case's current stage, or says that none is left. A case that is not
   * collecting documentation (paused, finished, a gate waiting) gets its status card instead.
   */
  async askNext(
    chat: Chat,
    place: Place,
    state: CaseState,
    template: ProcessTemplate,
    options: AskOptions,
  ): Promise<AskResult> {
    const language = state.language;
    const { lead } = options;
    const withLead = (text: string): string => (lead === undefined ? text : `${lead}\n\n${text}`);
    if (state.status !== 'active' || state.gate) {
      if (lead !== undefined) await postText(chat, lead);
      if (options.unlessAskedSince !== undefined) return 'notAsking';
      await postCard(
        chat,
        statusCard({ state, template, language, names: await this.people.namesOf(state) }),
      );
      return 'notAsking';
    }
    const stage = stageOf(template, state.currentStageId);
    // The prompts skipped so far are read from the record this update replaces: one read-modify-write of
    // the conversation record per question, not a read of its own before it (bench/README.md, turn cost).
    const asked: {
      prompt?: ReturnType<typeof nextOpenPrompt>;
      skipped: string[];
      already: boolean;
      political?: boolean;
      /** The pending question this update replaced, put back if the question cannot be sent. */
      before: PendingQuestion | undefined;
    } = {
      skipped: [],
      already: false,
      before: undefined,
    };
    await this.book.update(place, (record) => {
      const pending = record.pendingQuestion;
      // From this attempt's record: an update that retries after a lost race calls this again.
      asked.before = pending;
      const sameStage = pending?.caseId === state.caseId && pending.stageId === stage.id;
      if (
        options.unlessAskedSince !== undefined &&
        sameStage &&
        pending.askedAt >= options.unlessAskedSince
      ) {
        asked.already = true;
        return record;
      }
      // The skipped prompts stay skipped when they are asked again: answering one leads on to the next
      // skipped one (answering.ts), and the count of those still open is what the stage's end says.
      const carried = sameStage ? pending.skipped : [];
      asked.skipped = options.skipped ?? carried;
      asked.prompt = nextOpenPrompt(state, stage, asked.skipped, options.reaskSkipped);
      const next = { ...record };
      if (asked.prompt === undefined) {
        asked.political = politicalDecisionLack(state, stage) !== undefined;
        if (!asked.political) {
          delete next.pendingQuestion;
          return next;
        }
        // The political decision the gate rests on is asked like any prompt, once the prompts are done.
        return {
          ...next,
          pendingQuestion: {
            caseId: state.caseId,
            stageId: stage.id,
            promptId: POLITICAL_QUESTION,
            askedAt: place.at,
            skipped: asked.skipped,
          },
        };
      }
      const question: PendingQuestion = {
        caseId: state.caseId,
        stageId: stage.id,
        promptId: asked.prompt.id,
        askedAt: place.at,
        skipped: asked.skipped,
      };
      return { ...next, pendingQuestion: question };
    });
    if (asked.already) {
      if (lead !== undefined) await postText(chat, lead);
      return 'alreadyAsked';
    }
    // The record now says the question was asked. If it cannot be sent, the record says so no longer:
    // otherwise the outbox, delivering it later, would take it for asked and never ask it.
    const send = async (text: string): Promise<void> => {
      try {
        await postText(chat, withLead(text));
      } catch (error) {
        await this.book.note(place, 'a question that could not be sent is not pending', (record) =>
          record.pendingQuestion?.caseId !== state.caseId || record.pendingQuestion.askedAt !== place.at
            ? record
            : withPending(record, asked.before),
        );
        throw error;
      }
    };
    const { prompt, skipped } = asked;
    if (!prompt && asked.political) {
      await send(politicalQuestion(state, stage)[language]);
      return 'asked';
    }
    if (!prompt) {
      const missing = missingRequiredAnswers(state, stage);
      const stillSkipped = skippedOpenPrompts(state, stage, skipped).length;
      const text =
        missing.length === 0
          ? texts.stageReady(stage.title, stillSkipped)
          : texts.stageOpen(stage.title, stillSkipped);
      await send(text[language]);
      return 'nothingOpen';
    }
    const index = stage.prompts.indexOf(prompt) + 1;
    const question = texts.question(
      index,
      stage.prompts.length,
      stage.title,
      prompt.label,
      prompt.help,
      prompt.required,
    );
    // A prompt that asks for barriers or ideas offers those the case has recorded, instead of the hint.
    const offers = await recordedOffers(this.log, state, template, prompt);
    const hint =
      prompt.offersRecorded !== undefined && offers.length > 0
        ? texts.offerRecorded(
            prompt.offersRecorded,
            offers.map((offer, i) => `${i + 1}. ${escapeMarkdown(offer)}`).join('  \n'),
            offers.length,
          )[language]
        : answerHint(prompt, language);
    await send(`${question[language]}  \n${hint}  \n${texts.howToAnswer[language]}`);
    return 'asked';
  }
}

/** The record with `pending` as its pending question, or none. */
function withPending(record: ConversationRecord, pending: PendingQuestion | undefined): ConversationRecord {
  const next = { ...record };
  if (pending === undefined) delete next.pendingQuestion;
  else next.pendingQuestion = pending;
  return next;
}

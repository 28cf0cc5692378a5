/**
 * Answering the question the bot asked last (the conversation record's `pendingQuestion`): shared by the
 * intents that answer ("svar: …", a plain message, "ikke relevant, fordi …", and "leder for …" when it
 * reads as an answer). The answer is read by the prompt's kind (answerFromText.ts) and recorded; then the
 * next question is asked.
 */
import type { Answer, Localized, PoliticalDecisionReference, PromptDefinition } from '../../engine';
import {
  byLanguage,
  LANGUAGE_TAGS,
  politicalDecisionLack,
  refuse,
  sameInEvery,
  stageOf,
  ValidationError,
} from '../../engine';
import { escapeMarkdown } from '../../cards';
import { answerFromText } from '../answerFromText';
import { politicalFromText } from '../politicalFromText';
import type { ConversationApp } from '../app';
import { texts } from '../botTexts';
import { POLITICAL_QUESTION, recordedOffers } from '../questionLoop';
import type { Turn } from '../turn';
import type { CaseHere } from './chatIntent';

/** The pending question of this case, or a refusal that none was asked. */
export function pendingQuestionOf(here: CaseHere) {
  const pending = here.record?.pendingQuestion;
  if (!pending || pending.caseId !== here.state.caseId) {
    throw new ValidationError('noPendingQuestion', texts.noPendingQuestion);
  }
  // The political decision is no prompt of the stage: it cannot be skipped or marked not applicable.
  if (pending.promptId === POLITICAL_QUESTION) {
    throw new ValidationError('politicalPending', texts.politicalPending);
  }
  const prompt = stageOf(here.template, pending.stageId).prompts.find((p) => p.id === pending.promptId);
  if (!prompt) throw new ValidationError('noPendingQuestion', texts.noPendingQuestion);
  return { pending, prompt };
}

export async function answerPending(
  app: ConversationApp,
  turn: Turn,
  here: CaseHere,
  reply: string | { type: 'notApplicable'; reason: string },
): Promise<undefined> {
  const { state, template } = here;
  const political = here.record?.pendingQuestion;
  // A reply to the question for the political decision; "not applicable" to it is refused below.
  if (
    political?.caseId === state.caseId &&
    political.promptId === POLITICAL_QUESTION &&
    typeof reply === 'string'
  ) {
    return answerPolitical(app, turn, here, political.stageId, reply);
  }
  const { pending, prompt } = pendingQuestionOf(here);
  let answer: Answer;
  if (typeof reply === 'string') {
    if (prompt.kind === 'person') app.requireKnownMentions(turn);
    const offered = await recordedOffers(app.services.log, state, template, prompt);
    const parsed = answerFromText(
      prompt,
      reply,
      turn.mentions.map((m) => m.personId),
      offered,
    );
    if ('problem' in parsed) throw new ValidationError('unreadableAnswer', parsed.problem);
    answer = parsed.answer;
  } else {
    answer = reply;
  }
  // The engine refuses an answer for a stage the case has left (a question asked before a send-back).
  const outcome = await app.run(turn, state.caseId, {
    type: 'RecordDocumentation',
    stageId: pending.stageId,
    answers: [{ promptId: prompt.id, answer }],
  });
  const saved = outcome.events.length > 0 || outcome.duplicate;
  // What the engine kept (trimmed, normalised) is what the confirmation repeats.
  const kept = outcome.state.answers[prompt.id]?.answer ?? answer;
  const confirmation = !saved
    ? texts.unchanged(prompt.label)
    : kept.type === 'notApplicable'
      ? texts.recordedNotApplicable(prompt.label, escapeMarkdown(kept.reason))
      : recordedText(prompt, kept);
  // An answer to a question the group had skipped leads on to the next skipped one.
  const reaskSkipped = pending.skipped.includes(prompt.id);
  // "Saved" and the next question go out as one message.
  if (outcome.duplicate) await app.say(turn, confirmation, state.language);
  else
    await app.askNext(turn, outcome.state, template, {
      reaskSkipped,
      lead: confirmation[state.language],
    });
  return undefined;
}

/** The reply to the question for the gate's political decision: a reference, or why the old one stands. */
async function answerPolitical(
  app: ConversationApp,
  turn: Turn,
  here: CaseHere,
  stageId: string,
  reply: string,
): Promise<undefined> {
  const { state, template } = here;
  const stage = stageOf(template, stageId);
  const parsed = politicalFromText(reply);
  if ('problem' in parsed) throw new ValidationError('unreadablePoliticalDecision', parsed.problem);
  const earlier = state.politicalDecisions[stage.id];
  let reference: PoliticalDecisionReference;
  let stillStandsBecause: string | undefined;
  if ('reference' in parsed) {
    reference = parsed.reference;
  } else if (earlier) {
    reference = earlier.reference;
    stillStandsBecause = parsed.stillStandsBecause;
  } else {
    throw new ValidationError('noEarlierPoliticalDecision', texts.noEarlierPoliticalDecision);
  }
  const outcome = await app.run(turn, state.caseId, {
    type: 'RecordPoliticalDecision',
    stageId: stage.id,
    reference,
    ...(stillStandsBecause !== undefined && { stillStandsBecause }),
  });
  if (outcome.events.length === 0 && !outcome.duplicate) {
    // Nothing new: the same reference again. In a new round that is the earlier round's decision.
    const lack = politicalDecisionLack(outcome.state, stage);
    if (lack?.kind === 'earlierRound')
      throw refuse.politicalDecisionFromEarlierRound(stage.title, lack.record.round);
    await app.say(turn, texts.politicalUnchanged(stage.title), state.language);
    return undefined;
  }
  const confirmation =
    stillStandsBecause !== undefined
      ? texts.politicalStillStands(stage.title)
      : texts.politicalRecorded(stage.title);
  if (outcome.duplicate) await app.say(turn, confirmation, state.language);
  else
    await app.askNext(turn, outcome.state, template, {
      reaskSkipped: false,
      lead: confirmation[state.language],
    });
  return undefined;
}

/** The confirmation of a saved answer: a choice or an amount says what it was read as, text does not. */
function recordedText(prompt: PromptDefinition, answer: Answer): Localized {
  if (answer.type === 'number') {
    return texts.recordedAs(
      prompt.label,
      byLanguage((language) => new Intl.NumberFormat(LANGUAGE_TAGS[language]).format(answer.number)),
    );
  }
  if (answer.type === 'choice') {
    const options = answer.optionIds.flatMap((id) => prompt.options?.find((o) => o.id === id)?.label ?? []);
    const otherText = answer.otherText === undefined ? undefined : escapeMarkdown(answer.otherText);
    const other = otherText === undefined ? [] : [sameInEvery(otherText)];
    const comment = answer.comment === undefined ? undefined : escapeMarkdown(answer.comment);
    return texts.recordedAs(prompt.label, texts.chosen([...options, ...other], comment));
  }
  return texts.recorded(prompt.label);
}

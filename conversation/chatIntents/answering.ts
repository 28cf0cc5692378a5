/**
 * Answering the question the bot asked last (the conversation record's `pendingQuestion`): shared by the
 * intents that answer ("svar: …", a plain message, "ikke relevant, fordi …", and "leder for …" when it
 * reads as an answer). The answer is read by the prompt's kind (answerFromText.ts) and recorded; then the
 * next question is asked.
 */
import type { Answer, PoliticalDecisionReference } from '../../engine';
import { politicalDecisionLack, refuse, stageOf, ValidationError } from '../../engine';
import { answerFromText } from '../answerFromText';
import { politicalFromText } from '../politicalFromText';
import { POLITICAL_QUESTION } from '../questionLoop';
import type { ConversationApp } from '../app';
import { texts } from '../botTexts';
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
  if (political?.caseId === state.caseId && political.promptId === POLITICAL_QUESTION) {
    if (typeof reply !== 'string')
      throw new ValidationError('politicalPending', texts.politicalPending);
    return answerPolitical(app, turn, here, political.stageId, reply);
  }
  const { pending, prompt } = pendingQuestionOf(here);
  let answer: Answer;
  if (typeof reply === 'string') {
    if (prompt.kind === 'person') app.requireKnownMentions(turn);
    const parsed = answerFromText(
      prompt,
      reply,
      turn.mentions.map((m) => m.personId),
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
  await app.say(turn, saved ? texts.recorded(prompt.label) : texts.unchanged(prompt.label), state.language);
  if (!outcome.duplicate) await app.askNext(turn, outcome.state, template, { reaskSkipped: false });
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
  await app.say(
    turn,
    stillStandsBecause !== undefined
      ? texts.politicalStillStands(stage.title)
      : texts.politicalRecorded(stage.title),
    state.language,
  );
  if (!outcome.duplicate) await app.askNext(turn, outcome.state, template, { reaskSkipped: false });
  return undefined;
}

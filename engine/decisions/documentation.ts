/**
 * Documentation: the answers to a stage's prompts and the political decision its gate may need, how
 * each is checked and normalised, and the basis (frozen revisions and their hash) a gate decides on.
 */
import type { Answer, PoliticalDecisionReference } from '../answers';
import { LIMITS, isCalendarDate, isWebLink } from '../answers';
import type { DecisionContext, RecordDocumentation, RecordPoliticalDecision } from '../commands';
import type { DocumentationBasis, UnstampedEvent } from '../events';
import { canonicalJson, sha256Hex } from '../hashing';
import type { Localized } from '../localized';
import { ANSWER_PROBLEMS, COMMAND_PROBLEMS, FIELDS, refuse, VALUE_PROBLEMS } from '../refusals';
import type { CaseState } from '../state';
import { assertNever } from '../state';
import type { PromptDefinition, StageDefinition } from '../template';
import type { Decision } from './decision';
import { roundOf, stamp } from './decision';
import { optionalText, requireCurrentStage, requirePersonId, requireText } from './guards';

export function recordDocumentation(
  command: RecordDocumentation,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const stage = requireCurrentStage(state, context.template, command.stageId);
  if (state.gate) throw refuse.gatePending(stage.title);
  if (command.answers.length === 0 && command.politicalDecision === undefined) {
    throw refuse.invalidCommand(COMMAND_PROBLEMS.noAnswers);
  }
  const round = state.stages[stage.id]?.round ?? 1;
  const events: UnstampedEvent[] = [];
  const seen = new Set<string>();
  for (const { promptId, answer } of command.answers) {
    const prompt = stage.prompts.find((p) => p.id === promptId);
    if (!prompt) throw refuse.unknownPrompt(promptId, stage.title);
    if (seen.has(promptId)) {
      throw refuse.invalidCommand(COMMAND_PROBLEMS.answeredTwice(promptId));
    }
    seen.add(promptId);
    const checked = checkAnswer(prompt, answer);
    const previous = state.answers[promptId];
    if (previous && canonicalJson(previous.answer) === canonicalJson(checked)) continue;
    events.push({
      type: 'DocumentationRecorded',
      stageId: stage.id,
      round,
      promptId,
      revision: (previous?.revision ?? 0) + 1,
      answer: checked,
    });
  }
  if (command.politicalDecision !== undefined) {
    if (!stage.gate.requiresPoliticalDecision) throw refuse.politicalDecisionNotNeeded(stage.title);
    const recorded = politicalDecisionEvent(
      state,
      stage,
      command.politicalDecision,
      command.politicalStillStandsBecause,
    );
    if (recorded) events.push(recorded);
  }
  return stamp(context, events);
}

export function recordPoliticalDecision(
  command: RecordPoliticalDecision,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const stage = requireCurrentStage(state, context.template, command.stageId);
  if (state.gate) throw refuse.gatePending(stage.title);
  if (!stage.gate.requiresPoliticalDecision) throw refuse.politicalDecisionNotNeeded(stage.title);
  const event = politicalDecisionEvent(state, stage, command.reference, command.stillStandsBecause);
  return stamp(context, event ? [event] : []);
}

/**
 * The event that records a political decision reference, or nothing when it is the one recorded. The
 * same reference again in a later round is recorded only with why it still stands
 * (`stillStandsBecause`): otherwise a form sent with its prefilled fields would pass it off as new.
 */
export function politicalDecisionEvent(
  state: CaseState,
  stage: StageDefinition,
  reference: PoliticalDecisionReference,
  stillStandsBecause?: string,
): Extract<UnstampedEvent, { type: 'PoliticalDecisionRecorded' }> | undefined {
  const checked = checkPoliticalDecision(reference);
  const previous = state.politicalDecisions[stage.id];
  const round = roundOf(state, stage.id);
  const because = optionalText(stillStandsBecause, FIELDS.reason, LIMITS.reason);
  const same = previous !== undefined && canonicalJson(previous.reference) === canonicalJson(checked);
  if (same && (previous.round >= round || because === undefined)) return undefined;
  return {
    type: 'PoliticalDecisionRecorded',
    stageId: stage.id,
    round,
    revision: (previous?.revision ?? 0) + 1,
    reference: checked,
    ...(same && because !== undefined && { stillStandsBecause: because }),
  };
}

/** Validates and normalises a political decision reference. */
export function checkPoliticalDecision(reference: PoliticalDecisionReference): PoliticalDecisionReference {
  if (typeof reference !== 'object' || reference === null) throw refuse.textRequired(FIELDS.decision);
  const body = requireText(reference.body, FIELDS.body, LIMITS.politicalField);
  const meetingDate = requireText(reference.meetingDate, FIELDS.meetingDate, 10);
  if (!isCalendarDate(meetingDate)) {
    throw refuse.invalidValue(FIELDS.meetingDate, VALUE_PROBLEMS.meetingDate);
  }
  const caseNumber = requireText(reference.caseNumber, FIELDS.caseNumber, LIMITS.politicalField);
  const decisionText = optionalText(reference.decisionText, FIELDS.decisionText, LIMITS.decisionText);
  const link = optionalText(reference.link, FIELDS.link, LIMITS.url);
  if (link !== undefined && !isWebLink(link)) {
    throw refuse.invalidValue(FIELDS.link, VALUE_PROBLEMS.webLink);
  }
  if (decisionText === undefined && link === undefined) throw refuse.textRequired(FIELDS.decision);
  return {
    body,
    meetingDate,
    caseNumber,
    ...(decisionText !== undefined && { decisionText }),
    ...(link !== undefined && { link }),
  };
}

/** Validates an answer against its prompt and returns it normalised (trimmed, deduplicated). */
export function checkAnswer(prompt: PromptDefinition, answer: Answer): Answer {
  const label = prompt.label;
  const wrongType = (expected: Localized): never => {
    throw refuse.invalidAnswer(label, expected, { promptId: prompt.id });
  };
  if (typeof answer !== 'object' || answer === null) return wrongType(ANSWER_PROBLEMS.missing);
  if (answer.type === 'notApplicable') {
    return { type: 'notApplicable', reason: requireText(answer.reason, FIELDS.reason, LIMITS.reason) };
  }
  switch (prompt.kind) {
    case 'shortText':
    case 'longText': {
      if (answer.type !== 'text') return wrongType(ANSWER_PROBLEMS.text);
      const limit = prompt.kind === 'shortText' ? LIMITS.shortText : LIMITS.longText;
      return { type: 'text', text: requireText(answer.text, FIELDS.answer, limit) };
    }
    case 'date': {
      if (answer.type !== 'date' || typeof answer.date !== 'string' || !isCalendarDate(answer.date.trim())) {
        return wrongType(ANSWER_PROBLEMS.date);
      }
      return { type: 'date', date: answer.date.trim() };
    }
    case 'number': {
      if (answer.type !== 'number' || typeof answer.number !== 'number' || !Number.isFinite(answer.number)) {
        return wrongType(ANSWER_PROBLEMS.number);
      }
      return { type: 'number', number: answer.number };
    }
    case 'link': {
      if (answer.type !== 'link' || typeof answer.url !== 'string') {
        return wrongType(ANSWER_PROBLEMS.link);
      }
      const url = requireText(answer.url, FIELDS.link, LIMITS.url);
      if (!isWebLink(url)) return wrongType(VALUE_PROBLEMS.webLink);
      const linkLabel = optionalText(answer.label, FIELDS.linkText, LIMITS.linkLabel);
      return { type: 'link', url, ...(linkLabel !== undefined && { label: linkLabel }) };
    }
    case 'person': {
      if (answer.type !== 'people' || !Array.isArray(answer.personIds) || answer.personIds.length === 0) {
        return wrongType(ANSWER_PROBLEMS.noPerson);
      }
      if (answer.personIds.length > LIMITS.people) {
        return wrongType(ANSWER_PROBLEMS.tooManyPeople(LIMITS.people));
      }
      return { type: 'people', personIds: [...new Set(answer.personIds.map(requirePersonId))] };
    }
    case 'singleChoice':
    case 'multipleChoice': {
      if (answer.type !== 'choice' || !Array.isArray(answer.optionIds)) {
        return wrongType(ANSWER_PROBLEMS.choice);
      }
      const optionIds = [...new Set(answer.optionIds)];
      const otherText = optionalText(answer.otherText, FIELDS.otherText, LIMITS.shortText);
      if (otherText !== undefined && !prompt.allowOther) {
        return wrongType(ANSWER_PROBLEMS.noOther);
      }
      const unknown = optionIds.find((id) => !prompt.options?.some((o) => o.id === id));
      if (unknown !== undefined) {
        return wrongType(ANSWER_PROBLEMS.unknownChoice(String(unknown)));
      }
      const count = optionIds.length + (otherText === undefined ? 0 : 1);
      if (count === 0) return wrongType(ANSWER_PROBLEMS.noOption);
      if (prompt.kind === 'singleChoice' && count > 1) {
        return wrongType(ANSWER_PROBLEMS.oneOption);
      }
      if (optionIds.length > LIMITS.choices) return wrongType(ANSWER_PROBLEMS.tooManyChoices);
      const comment = optionalText(answer.comment, FIELDS.comment, LIMITS.comment);
      return {
        type: 'choice',
        optionIds,
        ...(otherText !== undefined && { otherText }),
        ...(comment !== undefined && { comment }),
      };
    }
    default:
      return assertNever(prompt.kind);
  }
}

/** The required prompts of a stage that have no answer yet (earlier rounds' answers count). */
export function missingRequiredAnswers(
  state: CaseState,
  stage: StageDefinition,
): { promptId: string; label: Localized }[] {
  return stage.prompts
    .filter((prompt) => prompt.required && state.answers[prompt.id] === undefined)
    .map((prompt) => ({ promptId: prompt.id, label: prompt.label }));
}

/** The documentation of a stage as it stands, frozen by revision and hashed over its content. */
export function documentationBasis(state: CaseState, stage: StageDefinition): DocumentationBasis {
  const answered = stage.prompts.flatMap((prompt) => {
    const record = state.answers[prompt.id];
    return record ? [{ promptId: prompt.id, revision: record.revision, answer: record.answer }] : [];
  });
  const political = state.politicalDecisions[stage.id];
  const hash = sha256Hex(
    canonicalJson({
      stageId: stage.id,
      answers: answered,
      politicalDecision: political
        ? { revision: political.revision, reference: political.reference }
        : undefined,
    }),
  );
  return {
    answers: answered.map(({ promptId, revision }) => ({ promptId, revision })),
    ...(political && { politicalDecisionRevision: political.revision }),
    hash,
  };
}

/**
 * Given / when / then for the engine: given the events so far, when a person sends a command, then
 * these events (or this refusal). History is built by running real commands through `decide`, so a
 * test's "given" can never describe a history the engine would not produce.
 */
import { expect } from 'vitest';
import type {
  Answer,
  CaseCommand,
  CaseEvent,
  CaseState,
  Decision,
  DomainError,
  ProcessTemplate,
} from '../../engine';
import {
  builtInTemplates,
  decide,
  DEFAULT_TEMPLATE_ID,
  evolve,
  isDomainError,
  LANGUAGES,
} from '../../engine';
import { expectCaseInvariants } from './caseInvariants';

export const template: ProcessTemplate = builtInTemplates().latest(DEFAULT_TEMPLATE_ID);

export const people = {
  olga: 'aad-olga-owner',
  mads: 'aad-mads-member',
  mia: 'aad-mia-manager',
  mats: 'aad-mats-manager',
  rita: 'aad-rita-researcher',
  stranger: 'aad-stranger',
} as const;

const START = Date.parse('2026-01-05T08:00:00.000Z');

export class CaseSpecification {
  readonly events: CaseEvent[] = [];
  state: CaseState | undefined;
  private clock = START;

  constructor(readonly processTemplate: ProcessTemplate = template) {}

  /** Moves the clock forward (events are stamped with the clock's time). */
  after(minutes: number): this {
    this.clock += minutes * 60_000;
    return this;
  }

  get now(): string {
    return new Date(this.clock).toISOString();
  }

  /** Runs a command that must succeed, appending its events to the history. */
  given(actorId: string, command: CaseCommand): this {
    this.apply(actorId, command);
    return this;
  }

  /** Runs a command and returns its decision (also applied to the history). */
  when(actorId: string, command: CaseCommand): Decision {
    return this.apply(actorId, command);
  }

  /** Runs a command that must be refused; returns the refusal and leaves the history unchanged. */
  refused(actorId: string, command: CaseCommand): DomainError {
    try {
      decide(command, this.state, { actorId, at: this.now, template: this.processTemplate });
    } catch (error) {
      if (isDomainError(error)) return error;
      throw error;
    }
    throw new Error(`Expected ${command.type} by ${actorId} to be refused, but it was accepted`);
  }

  private apply(actorId: string, command: CaseCommand): Decision {
    const decision = decide(command, this.state, { actorId, at: this.now, template: this.processTemplate });
    for (const event of decision.events) {
      this.events.push(event);
      this.state = evolve(this.state, event, this.events.length);
      expectCaseInvariants(this.state, `after ${event.type} (event ${this.events.length})`);
    }
    this.after(1);
    return decision;
  }

  get current(): CaseState {
    if (!this.state) throw new Error('No case yet');
    return this.state;
  }
}

/** A refusal must speak every language, and each must say something different from a stack trace. */
export function expectRefusal(error: DomainError, code: string, kind: DomainError['kind']): void {
  expect(error.code).toBe(code);
  expect(error.kind).toBe(kind);
  for (const language of LANGUAGES) expect(error.text[language].length).toBeGreaterThan(10);
  expect(error.text.nb).not.toEqual(error.text.en);
  expect(error.text.nn).not.toEqual(error.text.en);
}

export function openCommand(
  overrides: Partial<Extract<CaseCommand, { type: 'OpenCase' }>> = {},
): CaseCommand {
  return {
    type: 'OpenCase',
    caseId: 'case-1',
    title: 'Hverdagsrehabilitering i hjemmetjenesten',
    unit: 'Hjemmetjenesten sone nord',
    municipality: 'Eksempel kommune',
    conversationId: '19:group-chat@thread.v2',
    template: { id: template.id, version: template.version },
    language: 'nb',
    managerIds: [people.mia, people.mats],
    ...overrides,
  };
}

/** A valid answer for any prompt of the template, by its kind. */
export function validAnswer(promptId: string, text = `Svar på ${promptId}`): Answer {
  const prompt = template.stages.flatMap((s) => s.prompts).find((p) => p.id === promptId);
  if (!prompt) throw new Error(`No prompt ${promptId}`);
  switch (prompt.kind) {
    case 'shortText':
    case 'longText':
      return { type: 'text', text };
    case 'date':
      return { type: 'date', date: '2026-09-01' };
    case 'number':
      return { type: 'number', number: 1_500_000 };
    case 'link':
      return { type: 'link', url: 'https://example.kommune.no/rapport.pdf' };
    case 'person':
      return { type: 'people', personIds: [people.mads] };
    case 'singleChoice':
    case 'multipleChoice':
      return { type: 'choice', optionIds: [prompt.options?.[0]?.id ?? ''] };
  }
}

/** Commands answering every required prompt of a stage. */
export function answerRequired(stageId: string): CaseCommand {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`No stage ${stageId}`);
  return {
    type: 'RecordDocumentation',
    stageId,
    answers: stage.prompts
      .filter((p) => p.required)
      .map((p) => ({ promptId: p.id, answer: validAnswer(p.id) })),
  };
}

export const politicalDecision = {
  body: 'Kommunestyret',
  meetingDate: '2026-03-12',
  caseNumber: '2026/0417',
  decisionText: 'Kommunestyret slutter seg til at hjemmetjenesten prøver ut hverdagsrehabilitering.',
};

/** Walks a stage to a passed gate: answers, political decision if needed, request, approvals. */
export function passStage(spec: CaseSpecification, stageId: string): void {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`No stage ${stageId}`);
  spec.given(people.olga, answerRequired(stageId));
  if (stage.gate.requiresPoliticalDecision) {
    spec.given(people.olga, { type: 'RecordPoliticalDecision', stageId, reference: politicalDecision });
  }
  spec.given(people.olga, { type: 'RequestGateReview', stageId });
  const needed = spec.current.gate?.approvalsNeeded ?? 1;
  const approvers = [people.mia, people.mats].slice(0, needed);
  for (const approver of approvers) {
    spec.given(approver, { type: 'DecideGate', stageId, decision: { outcome: 'approve' } });
  }
}

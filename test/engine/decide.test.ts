import { describe, expect, it } from 'vitest';
import type { CaseEvent, GatePassed, GateReviewRequested, StageEntered } from '../../engine';
import { canonicalJson, foldEvents, isProcessEvent, reminderDue, sha256Hex } from '../../engine';
import {
  answerRequired,
  CaseSpecification,
  expectRefusal,
  openCommand,
  passStage,
  people,
  politicalDecision,
  template,
  validAnswer,
} from './caseSpecification';

const { olga, mads, mia, mats, rita, stranger } = people;
const STAGES = template.stages.map((s) => s.id);

function openedCase(): CaseSpecification {
  return new CaseSpecification().given(olga, openCommand()).given(mads, { type: 'JoinCase' });
}

function types(events: CaseEvent[]): string[] {
  return events.map((e) => e.type);
}

describe('opening a case', () => {
  it('records the case, the owner, the managers and the first stage, stamped with actor and time', () => {
    const spec = new CaseSpecification();
    const decision = spec.when(olga, openCommand());
    expect(types(decision.events)).toEqual([
      'CaseOpened',
      'RoleAssigned',
      'RoleAssigned',
      'RoleAssigned',
      'StageEntered',
    ]);
    expect(decision.events[0]).toMatchObject({
      type: 'CaseOpened',
      caseId: 'case-1',
      template: { id: 'municipal-service-innovation', version: 1 },
      actorId: olga,
      at: '2026-01-05T08:00:00.000Z',
    });
    expect(decision.events[4]).toMatchObject({ stageId: 'define-challenge', round: 1, via: 'start' });
    expect(spec.current.roles).toEqual({ [olga]: ['owner'], [mia]: ['manager'], [mats]: ['manager'] });
    expect(decision.effects).toEqual([{ type: 'askNextPrompt', stageId: 'define-challenge' }]);
  });

  it('keeps names out of the log: only person ids', () => {
    const spec = new CaseSpecification().given(olga, openCommand());
    expect(JSON.stringify(spec.events)).not.toMatch(/Olga|Mia|Mats/);
  });

  it('is refused twice for the same case', () => {
    const spec = new CaseSpecification().given(olga, openCommand());
    expectRefusal(spec.refused(olga, openCommand()), 'caseAlreadyExists', 'conflict');
  });

  it('needs a title, within its limit', () => {
    const spec = new CaseSpecification();
    const empty = spec.refused(olga, openCommand({ title: '   ' }));
    expectRefusal(empty, 'textRequired', 'validation');
    expect(empty.text.nb).toContain('Tittelen');
    expect(empty.text.en).toContain('The title');
    expectRefusal(spec.refused(olga, openCommand({ title: 'x'.repeat(201) })), 'textTooLong', 'validation');
  });

  it('refuses a malformed case id and a template other than the one given', () => {
    const spec = new CaseSpecification();
    expectRefusal(spec.refused(olga, openCommand({ caseId: 'a/b' })), 'invalidValue', 'validation');
    expectRefusal(
      spec.refused(olga, openCommand({ template: { id: 'municipal-service-innovation', version: 9 } })),
      'invalidCommand',
      'validation',
    );
  });

  it('is the only command a case that does not exist accepts', () => {
    expectRefusal(new CaseSpecification().refused(olga, { type: 'JoinCase' }), 'caseNotFound', 'notFound');
  });
});

describe('roles', () => {
  it('lets anyone join as a member once', () => {
    const spec = new CaseSpecification().given(olga, openCommand());
    expect(types(spec.when(mads, { type: 'JoinCase' }).events)).toEqual(['RoleAssigned']);
    expect(spec.when(mads, { type: 'JoinCase' }).events).toEqual([]);
  });

  it('lets the owner assign and revoke roles, including research access', () => {
    const spec = openedCase();
    expect(
      spec.when(olga, { type: 'AssignRole', personId: rita, role: 'researcher' }).events[0],
    ).toMatchObject({
      type: 'RoleAssigned',
      personId: rita,
      role: 'researcher',
    });
    expect(
      spec.when(olga, { type: 'RevokeRole', personId: rita, role: 'researcher' }).events[0],
    ).toMatchObject({
      type: 'RoleRevoked',
      personId: rita,
    });
    expect(spec.current.roles[rita]).toBeUndefined();
  });

  it('refuses role changes by anyone but the owner', () => {
    const refusal = openedCase().refused(mia, { type: 'AssignRole', personId: mads, role: 'manager' });
    expectRefusal(refusal, 'roleRequired', 'forbidden');
    expect(refusal.text.en).toBe('Only the owner of the case can assign roles.');
    expect(refusal.text.nb).toBe('Bare eieren av saken kan gi roller.');
  });

  it('never leaves a case without an owner', () => {
    expectRefusal(
      openedCase().refused(olga, { type: 'RevokeRole', personId: olga, role: 'owner' }),
      'lastOwner',
      'conflict',
    );
  });

  it('refuses an unknown role', () => {
    const refusal = openedCase().refused(olga, { type: 'AssignRole', personId: mads, role: 'king' as never });
    expectRefusal(refusal, 'invalidCommand', 'validation');
  });
});

describe('recording documentation', () => {
  it('records one revision per changed answer, and nothing for an unchanged one', () => {
    const spec = openedCase();
    const first = spec.when(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'For mange brukere venter.' } }],
    });
    expect(first.events[0]).toMatchObject({
      type: 'DocumentationRecorded',
      promptId: 'challenge',
      revision: 1,
      round: 1,
    });
    const again = spec.when(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: { type: 'text', text: '  For mange brukere venter.  ' } }],
    });
    expect(again.events).toEqual([]);
    const second = spec.when(olga, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'Ventelistene vokser.' } }],
    });
    expect(second.events[0]).toMatchObject({ revision: 2, actorId: olga });
    expect(spec.current.answers.challenge?.revision).toBe(2);
    // The first revision stays in the log.
    expect(spec.events.filter((e) => e.type === 'DocumentationRecorded')).toHaveLength(2);
  });

  it('accepts "not applicable, because …" for a required prompt, but not without the reason', () => {
    const spec = openedCase();
    const decision = spec.when(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [
        { promptId: 'resources', answer: { type: 'notApplicable', reason: 'Ingen egne ressurser ennå.' } },
      ],
    });
    expect(decision.events[0]).toMatchObject({
      answer: { type: 'notApplicable', reason: 'Ingen egne ressurser ennå.' },
    });
    expectRefusal(
      spec.refused(mads, {
        type: 'RecordDocumentation',
        stageId: 'define-challenge',
        answers: [{ promptId: 'resources', answer: { type: 'notApplicable', reason: '' } }],
      }),
      'textRequired',
      'validation',
    );
  });

  it.each([
    ['challenge', { type: 'number', number: 3 }, 'it should be text'],
    [
      'challenge',
      { type: 'text', text: 'x'.repeat(100_000) },
      'too long: 100000 characters, the limit is 20000',
    ],
    ['trigger', { type: 'choice', optionIds: ['weather'] }, 'unknown choice'],
    ['idea-source', { type: 'choice', optionIds: ['research', 'consultants'] }, 'choose only one option'],
    ['users-involved', { type: 'choice', optionIds: [], otherText: 'kanskje' }, 'has no “other”'],
  ] as const)('refuses an invalid answer to %s, naming why', (promptId, answer, why) => {
    const refusal = openedCase().refused(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId, answer: answer as never }],
    });
    expect(['invalidAnswer', 'textTooLong']).toContain(refusal.code);
    expect(refusal.kind).toBe('validation');
    expect(refusal.text.en).toContain(why);
    expect(refusal.text.nb.length).toBeGreaterThan(20);
  });

  it('refuses a 100,000-character answer with the limit in every language, recording nothing', () => {
    const spec = openedCase();
    const before = spec.events.length;
    const refusal = spec.refused(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'å'.repeat(100_000) } }],
    });
    expectRefusal(refusal, 'textTooLong', 'validation');
    expect(refusal.text.nb).toContain('grensen er 20000');
    expect(refusal.text.nn).toContain('grensa er 20000');
    expect(refusal.details).toMatchObject({ limit: 20_000, actual: 100_000 });
    expect(spec.events).toHaveLength(before);
  });

  it('validates dates, numbers, links and people by prompt type', () => {
    const spec = openedCase();
    passStage(spec, 'define-challenge');
    passStage(spec, 'political-anchoring');
    passStage(spec, 'staff-involvement');
    passStage(spec, 're-anchoring');
    const rollout = (promptId: string, answer: unknown) =>
      spec.refused(mads, {
        type: 'RecordDocumentation',
        stageId: 'rollout',
        answers: [{ promptId, answer: answer as never }],
      });
    expect(rollout('start-date', { type: 'date', date: '2026-02-30' }).text.en).toContain('YYYY-MM-DD');
    expect(rollout('champions', { type: 'people', personIds: [] }).text.en).toContain('at least one person');
    const ok = spec.when(mads, {
      type: 'RecordDocumentation',
      stageId: 'rollout',
      answers: [
        { promptId: 'start-date', answer: { type: 'date', date: '2026-09-01' } },
        { promptId: 'champions', answer: { type: 'people', personIds: [mads, mads, olga] } },
      ],
    });
    expect(ok.events.map((e) => (e.type === 'DocumentationRecorded' ? e.answer : undefined))).toEqual([
      { type: 'date', date: '2026-09-01' },
      { type: 'people', personIds: [mads, olga] },
    ]);
  });

  it('removes invisible control characters but keeps the visible text', () => {
    const decision = openedCase().when(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'Linje 1\r\nLinje\u0007 2\u0000' } }],
    });
    expect(decision.events[0]).toMatchObject({ answer: { type: 'text', text: 'Linje 1\nLinje 2' } });
  });

  it('refuses answers for another stage than the current one (a stale card)', () => {
    const refusal = openedCase().refused(mads, {
      type: 'RecordDocumentation',
      stageId: 'rollout',
      answers: [{ promptId: 'plan', answer: { type: 'text', text: 'x' } }],
    });
    expectRefusal(refusal, 'stageNotCurrent', 'conflict');
    expect(refusal.text.nb).toContain('«Definere utfordringsbildet»');
    expect(refusal.text.en).toContain('“Define the challenge”');
  });

  it('refuses a prompt from another stage, the same prompt twice, and an empty submission', () => {
    const spec = openedCase();
    const record = (answers: { promptId: string; answer: never }[]) =>
      spec.refused(mads, { type: 'RecordDocumentation', stageId: 'define-challenge', answers });
    expectRefusal(
      record([{ promptId: 'plan', answer: validAnswer('plan') as never }]),
      'unknownPrompt',
      'notFound',
    );
    expectRefusal(
      record([
        { promptId: 'challenge', answer: validAnswer('challenge') as never },
        { promptId: 'challenge', answer: validAnswer('challenge') as never },
      ]),
      'invalidCommand',
      'validation',
    );
    expectRefusal(record([]), 'invalidCommand', 'validation');
  });

  it('refuses people who are not part of the case, and researchers', () => {
    const spec = openedCase().given(olga, { type: 'AssignRole', personId: rita, role: 'researcher' });
    for (const who of [stranger, rita]) {
      expectRefusal(spec.refused(who, answerRequired('define-challenge')), 'notAParticipant', 'forbidden');
    }
  });
});

describe('ideas and barriers', () => {
  it('can be recorded at any time, with the stage they came up in', () => {
    const spec = openedCase().given(mia, { type: 'PauseCase', reason: 'Budsjettet er ikke klart.' });
    const idea = spec.when(mads, {
      type: 'RecordIdea',
      ideaId: 'idea-1',
      text: 'Bruk nattevakten til oppfølging',
      source: 'employees-practice',
    });
    expect(idea.events[0]).toMatchObject({
      type: 'IdeaRecorded',
      stageId: 'define-challenge',
      source: 'employees-practice',
    });
    const barrier = spec.when(mads, {
      type: 'RecordBarrier',
      barrierId: 'barrier-1',
      text: 'Turnus gjør møter vanskelig',
      category: 'shift-work',
    });
    expect(barrier.events[0]).toMatchObject({ type: 'BarrierRecorded', category: 'shift-work' });
    expect(spec.current.counts).toMatchObject({ ideas: 1, barriers: 1 });
  });

  it('needs a known research category and some text', () => {
    const spec = openedCase();
    expectRefusal(
      spec.refused(mads, { type: 'RecordBarrier', barrierId: 'b', text: 'x', category: 'weather' }),
      'unknownCategory',
      'validation',
    );
    expectRefusal(
      spec.refused(mads, { type: 'RecordIdea', ideaId: 'i', text: ' ' }),
      'textRequired',
      'validation',
    );
    expectRefusal(
      spec.refused(mads, { type: 'RecordIdea', ideaId: 'i', text: 'x', source: 'mars' }),
      'unknownCategory',
      'validation',
    );
  });

  it('refuses text with nothing visible in it (zero-width spaces, bidirectional overrides, controls)', () => {
    const spec = openedCase();
    for (const invisible of ['\u200b', '\u202e \u200b \u202e', '\ufeff\u0007\u2066\u2069', '\u00ad\t']) {
      expectRefusal(
        spec.refused(mads, { type: 'RecordIdea', ideaId: 'i', text: invisible }),
        'textRequired',
        'validation',
      );
      expectRefusal(
        new CaseSpecification().refused(olga, openCommand({ title: invisible })),
        'textRequired',
        'validation',
      );
    }
    // Invisible characters inside visible text are kept as typed (an emoji's joiners, a name's marks).
    const kept = spec.when(mads, {
      type: 'RecordIdea',
      ideaId: 'i',
      text: 'Sykepleier 👩🏽\u200d⚕️ \u202aX\u202c',
    });
    expect(kept.events[0]).toMatchObject({ text: 'Sykepleier 👩🏽\u200d⚕️ \u202aX\u202c' });
  });

  it('keeps where an idea or barrier kept from a Teams message came from, and nothing else it carries', () => {
    const spec = openedCase();
    const origin = {
      kind: 'message' as const,
      messageId: '1733300000000',
      link: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1733300000000',
      authorId: '00000000-0000-0000-0000-0000000000aa',
      writtenAt: '2026-12-01T08:15:00.000Z',
    };
    const idea = spec.when(mads, {
      type: 'RecordIdea',
      ideaId: 'i',
      text: 'Nattevakten kan ringe dagen etter',
      origin: { ...origin, smuggled: 'x' } as typeof origin,
    });
    expect(idea.events[0]).toMatchObject({ type: 'IdeaRecorded', origin });
    expect(Object.keys((idea.events[0] as { origin: object }).origin).sort()).toEqual(
      Object.keys(origin).sort(),
    );
    const barrier = spec.when(mads, {
      type: 'RecordBarrier',
      barrierId: 'b',
      text: 'Turnus',
      category: 'shift-work',
      origin: { kind: 'message', messageId: 'm-2' },
    });
    expect(barrier.events[0]).toMatchObject({ origin: { kind: 'message', messageId: 'm-2' } });
  });

  it('refuses a message origin with a bad id, link, sender or time', () => {
    const spec = openedCase();
    const broken = [
      { kind: 'message', messageId: '' },
      { kind: 'message', messageId: 'has space' },
      { kind: 'message', messageId: 'x'.repeat(257) },
      { kind: 'message', messageId: 'm', link: 'javascript:alert(1)' },
      { kind: 'message', messageId: 'm', link: 'https://a b' },
      { kind: 'message', messageId: 'm', authorId: ' padded ' },
      { kind: 'message', messageId: 'm', writtenAt: 'yesterday' },
      { kind: 'message', messageId: 'm', writtenAt: '2026-13-45T99:99:99Z' },
      { kind: 'chat', messageId: 'm' },
    ];
    for (const origin of broken) {
      expectRefusal(
        spec.refused(mads, {
          type: 'RecordIdea',
          ideaId: 'i',
          text: 'x',
          origin: origin as { kind: 'message'; messageId: string },
        }),
        'invalidValue',
        'validation',
      );
    }
  });
});

describe('requesting a gate review', () => {
  it('is refused with the list of missing required answers, in both languages', () => {
    const spec = openedCase().given(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: validAnswer('challenge') }],
    });
    const refusal = spec.refused(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    expectRefusal(refusal, 'missingAnswers', 'validation');
    expect(refusal.details.missing).toEqual([
      'trigger',
      'idea-source',
      'affected-services',
      'resources',
      'involved-so-far',
      'users-involved',
    ]);
    expect(refusal.text.nb).toContain('«Hva utløste arbeidet?»');
    expect(refusal.text.en).toContain('“What triggered the work?”');
    expect(refusal.text.en).not.toContain('knowledge');
  });

  it('freezes the documentation it asks about and notifies the deciders', () => {
    const spec = openedCase().given(mads, answerRequired('define-challenge'));
    const decision = spec.when(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    const request = decision.events[0] as GateReviewRequested;
    expect(request.type).toBe('GateReviewRequested');
    expect(request.deciderIds).toEqual([mats, mia].sort());
    expect(request.approvalsNeeded).toBe(1);
    expect(request.basis.answers).toHaveLength(7);
    expect(request.basis.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(decision.effects).toEqual([
      { type: 'notifyDeciders', stageId: 'define-challenge', deciderIds: request.deciderIds },
    ]);
  });

  it('needs a political decision reference where the gate says so', () => {
    const spec = openedCase();
    passStage(spec, 'define-challenge');
    spec.given(olga, answerRequired('political-anchoring'));
    const refusal = spec.refused(olga, { type: 'RequestGateReview', stageId: 'political-anchoring' });
    expectRefusal(refusal, 'politicalDecisionMissing', 'validation');
    expect(refusal.text.nb).toContain('organ, møtedato, saksnummer');
    spec.given(olga, {
      type: 'RecordPoliticalDecision',
      stageId: 'political-anchoring',
      reference: politicalDecision,
    });
    expect(
      types(spec.when(olga, { type: 'RequestGateReview', stageId: 'political-anchoring' }).events),
    ).toEqual(['GateReviewRequested']);
  });

  it('validates the political decision reference', () => {
    const spec = openedCase();
    passStage(spec, 'define-challenge');
    const record = (reference: object) =>
      spec.refused(olga, {
        type: 'RecordPoliticalDecision',
        stageId: 'political-anchoring',
        reference: reference as never,
      });
    expect(record({ ...politicalDecision, meetingDate: '12.03.2026' }).text.en).toContain('YYYY-MM-DD');
    expect(record({ ...politicalDecision, decisionText: undefined }).code).toBe('textRequired');
    expect(record({ ...politicalDecision, link: 'javascript:alert(1)' }).text.en).toContain('https://');
    expect(record({ ...politicalDecision, caseNumber: '' }).text.nb).toContain('Saksnummeret');
    expectRefusal(
      new CaseSpecification().given(olga, openCommand()).refused(olga, {
        type: 'RecordPoliticalDecision',
        stageId: 'define-challenge',
        reference: politicalDecision,
      }),
      'politicalDecisionNotNeeded',
      'validation',
    );
  });

  it('is refused when too few deciders could approve (four-eyes counts)', () => {
    const spec = new CaseSpecification()
      .given(olga, openCommand({ managerIds: [mia] }))
      .given(mia, answerRequired('define-challenge'));
    const refusal = spec.refused(mia, { type: 'RequestGateReview', stageId: 'define-challenge' });
    expectRefusal(refusal, 'notEnoughDeciders', 'conflict');
    expect(refusal.details).toEqual({ needed: 1, available: 0 });
  });

  it('locks the stage while pending, and can be withdrawn by the requester or owner only', () => {
    const spec = openedCase()
      .given(mads, answerRequired('define-challenge'))
      .given(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    expectRefusal(spec.refused(mads, answerRequired('define-challenge')), 'gatePending', 'conflict');
    expectRefusal(
      spec.refused(mads, { type: 'RequestGateReview', stageId: 'define-challenge' }),
      'gatePending',
      'conflict',
    );
    expectRefusal(
      spec.refused(mia, { type: 'WithdrawGateReview', stageId: 'define-challenge' }),
      'notRequester',
      'forbidden',
    );
    const withdrawn = spec.when(mads, {
      type: 'WithdrawGateReview',
      stageId: 'define-challenge',
      reason: 'Vil legge til mer.',
    });
    expect(withdrawn.events[0]).toMatchObject({ type: 'GateReviewWithdrawn', reason: 'Vil legge til mer.' });
    expect(spec.current.gate).toBeUndefined();
    expectRefusal(
      spec.refused(mads, { type: 'WithdrawGateReview', stageId: 'define-challenge' }),
      'noGatePending',
      'conflict',
    );
  });
});

describe('deciding a gate', () => {
  function pendingGate(stageId = 'define-challenge'): CaseSpecification {
    const spec = openedCase();
    for (const earlier of STAGES.slice(0, STAGES.indexOf(stageId))) passStage(spec, earlier);
    spec.given(mads, answerRequired(stageId));
    if (template.stages.find((s) => s.id === stageId)?.gate.requiresPoliticalDecision) {
      spec.given(mads, { type: 'RecordPoliticalDecision', stageId, reference: politicalDecision });
    }
    spec.given(mads, { type: 'RequestGateReview', stageId });
    return spec;
  }

  it('approves, freezing the basis, and enters the next stage', () => {
    const spec = pendingGate();
    const requested = spec.current.gate?.basis;
    const requestSeq = spec.current.gate?.requestSeq;
    const decision = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      requestSeq: spec.current.gate?.requestSeq,
      decision: { outcome: 'approve', comment: 'Godt grunnlag.' },
    });
    expect(types(decision.events)).toEqual(['GateApprovalGiven', 'GatePassed', 'StageEntered']);
    const passed = decision.events[1] as GatePassed;
    expect(passed).toMatchObject({ outcome: 'approved', approverIds: [mia], conditions: [] });
    expect(passed.basis).toEqual(requested);
    expect(decision.events[2]).toMatchObject({ stageId: 'political-anchoring', round: 1, via: 'approval' });
    expect(spec.current.stages['define-challenge']).toMatchObject({ status: 'passed', round: 1 });
    // The decision names the request it closed, so an approval card can find its own outcome.
    expect(spec.current.recentDecisions[0]).toMatchObject({ outcome: 'approved', requestSeq });
    expect(decision.effects).toContainEqual({ type: 'askNextPrompt', stageId: 'political-anchoring' });
  });

  it('hashes the frozen basis over the answers as they stood', () => {
    const spec = pendingGate();
    const basis = spec.current.gate?.basis;
    const stage = template.stages[0];
    const answers = stage?.prompts.flatMap((p) => {
      const a = spec.current.answers[p.id];
      return a ? [{ promptId: p.id, revision: a.revision, answer: a.answer }] : [];
    });
    expect(basis?.hash).toBe(sha256Hex(canonicalJson({ stageId: 'define-challenge', answers })));
  });

  it('approves with conditions', () => {
    const spec = pendingGate();
    const decision = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: {
        outcome: 'approveWithConditions',
        conditions: 'Ta med brukerrådet før politisk behandling.',
      },
    });
    expect(decision.events[1]).toMatchObject({
      outcome: 'approvedWithConditions',
      conditions: ['Ta med brukerrådet før politisk behandling.'],
    });
    expectRefusal(
      pendingGate().refused(mia, {
        type: 'DecideGate',
        stageId: 'define-challenge',
        decision: { outcome: 'approveWithConditions', conditions: '' },
      }),
      'textRequired',
      'validation',
    );
  });

  it('needs two distinct managers on a two-approver gate, and not the requester', () => {
    const spec = pendingGate('staff-involvement');
    expect(spec.current.gate?.approvalsNeeded).toBe(2);
    const first = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'staff-involvement',
      decision: { outcome: 'approve' },
    });
    expect(types(first.events)).toEqual(['GateApprovalGiven']);
    expect(first.effects).toEqual([
      { type: 'announceApprovalProgress', stageId: 'staff-involvement', approvals: 1, approvalsNeeded: 2 },
    ]);
    expectRefusal(
      spec.refused(mia, {
        type: 'DecideGate',
        stageId: 'staff-involvement',
        decision: { outcome: 'approve' },
      }),
      'alreadyApproved',
      'conflict',
    );
    const second = spec.when(mats, {
      type: 'DecideGate',
      stageId: 'staff-involvement',
      decision: { outcome: 'approveWithConditions', conditions: 'Evaluer etter seks måneder.' },
    });
    expect(types(second.events)).toEqual(['GateApprovalGiven', 'GatePassed', 'StageEntered']);
    expect(second.events[1]).toMatchObject({ outcome: 'approvedWithConditions', approverIds: [mia, mats] });
  });

  it('refuses the requester approving their own request (four-eyes)', () => {
    const spec = openedCase()
      .given(mia, answerRequired('define-challenge'))
      .given(mia, { type: 'RequestGateReview', stageId: 'define-challenge' });
    const refusal = spec.refused(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'approve' },
    });
    expectRefusal(refusal, 'requesterCannotApprove', 'forbidden');
    expect(refusal.text.en).toContain('four-eyes');
  });

  it('refuses a member who is not a manager', () => {
    const refusal = pendingGate().refused(mads, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'approve' },
    });
    expectRefusal(refusal, 'notADecider', 'forbidden');
    expect(refusal.text.nb).toBe('Bare en leder kan avgjøre porten etter «Definere utfordringsbildet».');
  });

  it('refuses a decision on an older request (a stale card) and when nothing is pending', () => {
    const spec = pendingGate();
    const oldSeq = spec.current.gate?.requestSeq ?? 0;
    spec
      .given(mads, { type: 'WithdrawGateReview', stageId: 'define-challenge' })
      .given(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    expectRefusal(
      spec.refused(mia, {
        type: 'DecideGate',
        stageId: 'define-challenge',
        requestSeq: oldSeq,
        decision: { outcome: 'approve' },
      }),
      'gateRequestStale',
      'conflict',
    );
    expectRefusal(
      openedCase().refused(mia, {
        type: 'DecideGate',
        stageId: 'define-challenge',
        decision: { outcome: 'approve' },
      }),
      'noGatePending',
      'conflict',
    );
  });

  it('sends back to an earlier stage with a reason, keeping earlier answers and counting rounds', () => {
    const spec = pendingGate('re-anchoring');
    const staffAnswers = spec.current.answers.participants;
    expectRefusal(
      spec.refused(mia, {
        type: 'DecideGate',
        stageId: 're-anchoring',
        decision: { outcome: 'sendBack', toStageId: 'staff-involvement', reason: ' ' },
      }),
      'textRequired',
      'validation',
    );
    expectRefusal(
      spec.refused(mia, {
        type: 'DecideGate',
        stageId: 're-anchoring',
        decision: { outcome: 'sendBack', toStageId: 'evaluation', reason: 'x' },
      }),
      'sendBackTarget',
      'validation',
    );
    const decision = spec.when(mia, {
      type: 'DecideGate',
      stageId: 're-anchoring',
      decision: { outcome: 'sendBack', toStageId: 'staff-involvement', reason: 'Brukerne er ikke hørt.' },
    });
    expect(types(decision.events)).toEqual(['GateSentBack', 'StageEntered']);
    expect(decision.events[1]).toMatchObject({ stageId: 'staff-involvement', round: 2, via: 'sendBack' });
    expect(spec.current.answers.participants).toEqual(staffAnswers);
    expect(spec.current.stages['re-anchoring']?.status).toBe('ahead');

    // The group revises and passes again: the next entry into re-anchoring is its round 2.
    spec.given(mads, {
      type: 'RecordDocumentation',
      stageId: 'staff-involvement',
      answers: [{ promptId: 'participants', answer: { type: 'text', text: 'Brukerrådet og to pårørende.' } }],
    });
    spec.given(mads, { type: 'RequestGateReview', stageId: 'staff-involvement' });
    spec.given(mia, { type: 'DecideGate', stageId: 'staff-involvement', decision: { outcome: 'approve' } });
    const passed = spec.when(mats, {
      type: 'DecideGate',
      stageId: 'staff-involvement',
      decision: { outcome: 'approve' },
    });
    expect(passed.events.at(-1)).toMatchObject({ type: 'StageEntered', stageId: 're-anchoring', round: 2 });

    // Rounds per stage are derivable from the log alone.
    const rounds = new Map<string, number>();
    for (const event of spec.events) {
      if (event.type === 'StageEntered') rounds.set(event.stageId, (rounds.get(event.stageId) ?? 0) + 1);
    }
    expect(Object.fromEntries(rounds)).toMatchObject({
      'staff-involvement': 2,
      're-anchoring': 2,
      'define-challenge': 1,
    });
  });

  it('can send back to the same stage for a new round', () => {
    const spec = pendingGate();
    const decision = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'sendBack', toStageId: 'define-challenge', reason: 'Utdyp behovet.' },
    });
    expect(decision.events[1]).toMatchObject({ type: 'StageEntered', stageId: 'define-challenge', round: 2 });
    expect(spec.current.stages['define-challenge']?.status).toBe('current');
  });

  it('pauses with a reason, blocks work, and resumes', () => {
    const spec = pendingGate();
    const paused = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'pause', reason: 'Venter på budsjett.' },
    });
    expect(paused.events[0]).toMatchObject({ type: 'CasePaused', reason: 'Venter på budsjett.' });
    expect(paused.events[0]).toHaveProperty('basis.hash');
    expect(spec.current.status).toBe('paused');
    expect(spec.current.gate).toBeUndefined();
    const blocked = spec.refused(mads, answerRequired('define-challenge'));
    expectRefusal(blocked, 'caseNotActive', 'conflict');
    expect(blocked.text.en).toContain('A manager must resume it first');
    expectRefusal(spec.refused(mads, { type: 'ResumeCase' }), 'roleRequired', 'forbidden');
    const resumed = spec.when(mats, { type: 'ResumeCase' });
    expect(types(resumed.events)).toEqual(['CaseResumed']);
    // The chat is told, wherever the case was resumed, and the next question is asked.
    expect(resumed.effects).toEqual([
      { type: 'announceCaseResumed', stageId: 'define-challenge' },
      { type: 'askNextPrompt', stageId: 'define-challenge' },
    ]);
    expect(spec.current.status).toBe('active');
    expectRefusal(spec.refused(mats, { type: 'ResumeCase' }), 'notPaused', 'conflict');
  });

  it('pause needs a reason', () => {
    expectRefusal(
      pendingGate().refused(mia, {
        type: 'DecideGate',
        stageId: 'define-challenge',
        decision: { outcome: 'pause', reason: '' },
      }),
      'textRequired',
      'validation',
    );
    expectRefusal(openedCase().refused(mia, { type: 'PauseCase', reason: '' }), 'textRequired', 'validation');
  });

  it('stops with a reason, after which nothing but ideas, barriers and memos can be recorded', () => {
    const spec = pendingGate();
    expectRefusal(
      spec.refused(mia, {
        type: 'DecideGate',
        stageId: 'define-challenge',
        decision: { outcome: 'stop', reason: '' },
      }),
      'textRequired',
      'validation',
    );
    const stopped = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'stop', reason: 'Budsjettkutt.' },
    });
    expect(stopped.events[0]).toMatchObject({ type: 'CaseStopped', reason: 'Budsjettkutt.' });
    expect(spec.current.status).toBe('stopped');
    expectRefusal(
      spec.refused(mads, { type: 'RequestGateReview', stageId: 'define-challenge' }),
      'caseNotActive',
      'conflict',
    );
    expectRefusal(spec.refused(mia, { type: 'PauseCase', reason: 'x' }), 'caseNotActive', 'conflict');
    expectRefusal(spec.refused(mia, { type: 'StopCase', reason: 'x' }), 'caseNotActive', 'conflict');
    expect(
      spec.when(mads, {
        type: 'RecordBarrier',
        barrierId: 'b1',
        text: 'Kuttene kom brått.',
        category: 'finances',
      }).events,
    ).toHaveLength(1);
  });

  it('accepts a political decision reference entered on the approval card, recorded before the decision', () => {
    const spec = pendingGate('political-anchoring');
    const corrected = { ...politicalDecision, caseNumber: '2026/0418' };
    const decision = spec.when(mia, {
      type: 'DecideGate',
      stageId: 'political-anchoring',
      decision: { outcome: 'approve' },
      politicalDecision: corrected,
    });
    expect(types(decision.events)).toEqual([
      'PoliticalDecisionRecorded',
      'GateApprovalGiven',
      'GatePassed',
      'StageEntered',
    ]);
    expect(decision.events[0]).toMatchObject({ revision: 2, reference: corrected });
    expect(decision.events[2]).toMatchObject({ basis: { politicalDecisionRevision: 2 } });
  });

  it('completes the case when the last gate passes', () => {
    const spec = openedCase();
    for (const stageId of STAGES) passStage(spec, stageId);
    expect(spec.current.status).toBe('completed');
    expect(spec.events.at(-1)?.type).toBe('CaseCompleted');
    expect(Object.values(spec.current.stages).every((s) => s.status === 'passed')).toBe(true);
    expectRefusal(spec.refused(mads, answerRequired('evaluation')), 'caseNotActive', 'conflict');
  });
});

describe('diffusion to another unit or municipality', () => {
  it('links a completed case to the case that spreads it, both ways', () => {
    const source = openedCase();
    for (const stageId of STAGES) passStage(source, stageId);
    const recorded = source.when(olga, {
      type: 'RecordDiffusion',
      toCaseId: 'case-2',
      municipality: 'Nabokommunen',
    });
    expect(recorded.events[0]).toMatchObject({
      type: 'CaseDiffused',
      toCaseId: 'case-2',
      municipality: 'Nabokommunen',
    });
    expect(source.current.derivedTo).toEqual(['case-2']);
    expect(source.when(olga, { type: 'RecordDiffusion', toCaseId: 'case-2' }).events).toEqual([]);

    const derived = new CaseSpecification().given(
      olga,
      openCommand({ caseId: 'case-2', derivedFrom: 'case-1' }),
    );
    expect(derived.current.derivedFrom).toBe('case-1');
  });

  it('is refused before the case is completed, or by a member', () => {
    const spec = openedCase();
    expectRefusal(
      spec.refused(olga, { type: 'RecordDiffusion', toCaseId: 'case-2' }),
      'caseNotCompleted',
      'conflict',
    );
    expectRefusal(
      spec.refused(mads, { type: 'RecordDiffusion', toCaseId: 'case-2' }),
      'roleRequired',
      'forbidden',
    );
  });
});

describe('language', () => {
  it('can be changed per case', () => {
    const spec = openedCase();
    expect(spec.when(mads, { type: 'ChangeLanguage', language: 'en' }).events[0]).toMatchObject({
      type: 'CaseLanguageChanged',
      language: 'en',
    });
    expect(spec.current.language).toBe('en');
    expect(spec.when(mads, { type: 'ChangeLanguage', language: 'en' }).events).toEqual([]);
    expectRefusal(
      spec.refused(mads, { type: 'ChangeLanguage', language: 'de' as never }),
      'invalidCommand',
      'validation',
    );
  });
});

describe('reminders', () => {
  const SYSTEM = 'system:reminders';

  it('are due after the stage has been idle for its limit, and at most once a day', () => {
    const spec = openedCase();
    expect(reminderDue(spec.current, template, spec.now)).toBeUndefined();
    expectRefusal(
      spec.refused(SYSTEM, { type: 'RecordReminder', kind: 'idleStage' }),
      'reminderNotDue',
      'conflict',
    );
    spec.after(14 * 24 * 60);
    expect(reminderDue(spec.current, template, spec.now)).toBe('idleStage');
    expect(spec.when(SYSTEM, { type: 'RecordReminder', kind: 'idleStage' }).events[0]).toMatchObject({
      type: 'ReminderSent',
      kind: 'idleStage',
      stageId: 'define-challenge',
    });
    spec.after(60);
    const again = spec.refused(SYSTEM, { type: 'RecordReminder', kind: 'idleStage' });
    expectRefusal(again, 'reminderTooSoon', 'conflict');
    spec.after(24 * 60);
    expect(reminderDue(spec.current, template, spec.now)).toBe('idleStage');
  });

  it('remind the deciders who have not yet approved a pending gate', () => {
    const spec = openedCase();
    passStage(spec, 'define-challenge');
    passStage(spec, 'political-anchoring');
    spec
      .given(mads, answerRequired('staff-involvement'))
      .given(mads, { type: 'RequestGateReview', stageId: 'staff-involvement' });
    spec.given(mia, { type: 'DecideGate', stageId: 'staff-involvement', decision: { outcome: 'approve' } });
    spec.after(7 * 24 * 60);
    const decision = spec.when(SYSTEM, { type: 'RecordReminder', kind: 'pendingGate' });
    expect(decision.events[0]).toMatchObject({ kind: 'pendingGate', personIds: [mats] });
  });

  it('stop once the case is paused, stopped or completed', () => {
    const spec = openedCase().given(mia, { type: 'PauseCase', reason: 'Sommerferie.' });
    spec.after(60 * 24 * 60);
    expect(reminderDue(spec.current, template, spec.now)).toBeUndefined();
    expectRefusal(
      spec.refused(SYSTEM, { type: 'RecordReminder', kind: 'idleStage' }),
      'caseNotActive',
      'conflict',
    );
  });

  it('do not count as activity', () => {
    const spec = openedCase();
    const lastActivity = spec.current.lastActivityAt;
    spec.after(14 * 24 * 60).given(SYSTEM, { type: 'RecordReminder', kind: 'idleStage' });
    expect(spec.current.lastActivityAt).toBe(lastActivity);
  });
});

describe('research memos', () => {
  it('are recorded by researchers about an existing event, never changing it', () => {
    const spec = openedCase().given(olga, { type: 'AssignRole', personId: rita, role: 'researcher' });
    const before = JSON.stringify(spec.events);
    const memo = spec.when(rita, {
      type: 'RecordMemo',
      memoId: 'memo-1',
      text: 'Interessant at brukerne ikke er med.',
      aboutSeq: 2,
    });
    expect(memo.events[0]).toMatchObject({ type: 'MemoRecorded', aboutSeq: 2 });
    expect(JSON.stringify(spec.events.slice(0, -1))).toBe(before);
    expectRefusal(
      spec.refused(rita, { type: 'RecordMemo', memoId: 'm', text: 'x', aboutSeq: 999 }),
      'unknownEvent',
      'notFound',
    );
    expectRefusal(
      spec.refused(mads, { type: 'RecordMemo', memoId: 'm', text: 'x' }),
      'roleRequired',
      'forbidden',
    );
  });
});

describe('research consent', () => {
  it('records that a person declines and takes it back, only when it changes', () => {
    const spec = openedCase();
    const declined = spec.when(mads, { type: 'RecordResearchConsent', consent: 'declined' });
    expect(declined.events).toEqual([
      { type: 'ResearchConsentRecorded', consent: 'declined', at: expect.any(String), actorId: mads },
    ]);
    expect(spec.current.researchDeclined).toEqual([mads]);
    expect(spec.when(mads, { type: 'RecordResearchConsent', consent: 'declined' }).events).toEqual([]);
    spec.given(olga, { type: 'RecordResearchConsent', consent: 'declined' });
    expect(spec.current.researchDeclined).toEqual([mads, olga].sort());
    spec.given(mads, { type: 'RecordResearchConsent', consent: 'given' });
    expect(spec.current.researchDeclined).toEqual([olga]);
    spec.given(olga, { type: 'RecordResearchConsent', consent: 'given' });
    expect(spec.current.researchDeclined).toBeUndefined();
  });

  it('is not work on the case: idle reminders and process figures ignore it', () => {
    const spec = openedCase();
    const before = spec.current.lastActivityAt;
    spec.after(60 * 24 * 3).given(mads, { type: 'RecordResearchConsent', consent: 'declined' });
    expect(spec.current.lastActivityAt).toBe(before);
    const last = spec.events.at(-1);
    if (!last) throw new Error('no event');
    expect(isProcessEvent(last)).toBe(false);
  });

  it('may be said after the case has stopped, but not by the system', () => {
    const spec = openedCase().given(mia, { type: 'StopCase', reason: 'Ingen budsjett.' });
    expect(spec.when(mads, { type: 'RecordResearchConsent', consent: 'declined' }).events).toHaveLength(1);
    expectRefusal(
      spec.refused('system:reminders', { type: 'RecordResearchConsent', consent: 'declined' }),
      'notAParticipant',
      'forbidden',
    );
  });
});

describe('replay', () => {
  it('folds the same log into the same state every time', () => {
    const spec = openedCase();
    for (const stageId of STAGES.slice(0, 3)) passStage(spec, stageId);
    expect(foldEvents(spec.events)).toEqual(spec.current);
    expect(foldEvents(JSON.parse(JSON.stringify(spec.events)) as CaseEvent[])).toEqual(spec.current);
  });

  it('derives how long each stage took from the log alone', () => {
    const spec = openedCase().after(60 * 24);
    passStage(spec, 'define-challenge');
    const entered = spec.events.filter((e): e is StageEntered & CaseEvent => e.type === 'StageEntered');
    const days = (Date.parse(entered[1]?.at ?? '') - Date.parse(entered[0]?.at ?? '')) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(1);
  });
});

describe('a stage form with a political decision reference', () => {
  it('records the answers and the reference together, in one decision', () => {
    const spec = new CaseSpecification().given(people.olga, openCommand());
    passStage(spec, 'define-challenge');
    const decision = spec.when(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'political-anchoring',
      answers: [{ promptId: 'mandate', answer: { type: 'text', text: 'Prøve ut i sone nord.' } }],
      politicalDecision,
    });
    expect(types(decision.events)).toEqual(['DocumentationRecorded', 'PoliticalDecisionRecorded']);
    expectRefusal(
      new CaseSpecification().given(people.olga, openCommand()).refused(people.olga, {
        type: 'RecordDocumentation',
        stageId: 'define-challenge',
        answers: [],
        politicalDecision,
      }),
      'politicalDecisionNotNeeded',
      'validation',
    );
  });
});

/**
 * The case a researcher tried every export on (the "research exports a researcher can trust" issue):
 * all six stages, a send-back from re-anchoring, a 45-day pause, ideas with and without a source,
 * barriers, two political decisions with different mandates and budgets, two managers, memos (one a
 * year later), a participant who declines research use, and participants' names inside free text the
 * way people write them: genitives with and without apostrophe, e-mail addresses, lower case, without
 * æøå, next to emoji, on several lines. Person ids are Entra object ids (GUIDs), as in production;
 * delivery ids are built like the bot builds them (activity id, and the person id for role changes).
 */
import type { Answer, CaseCommand, CaseEvent } from '../../engine';
import { decide, evolve, type CaseState } from '../../engine';
import type { EventLog } from '../../storage/eventLog';
import type { PeopleDirectory, PersonSighting } from '../../storage/peopleDirectory';
import { template, validAnswer } from '../engine/caseSpecification';

export const trustPeople = {
  ingrid: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a01',
    displayName: 'Ingrid Johansen (Hjemmetjenesten)',
    teamsUserId: '29:1Ingrid0AbCdEfGhIjKlMnOpQr',
    email: 'ingrid.johansen@kommune.example',
  },
  lars: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a02',
    displayName: 'Lars Ødegård',
    teamsUserId: '29:1Lars00AbCdEfGhIjKlMnOpQrS',
    email: 'lars.odegard@kommune.example',
  },
  per: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a03',
    displayName: 'Olsen, Per | Sone nord',
    teamsUserId: '29:1Per000AbCdEfGhIjKlMnOpQrS',
    email: 'per.olsen@kommune.example',
  },
  ase: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a04',
    displayName: 'Åse Bjørnstad - Helse og omsorg',
    teamsUserId: '29:1Ase000AbCdEfGhIjKlMnOpQrS',
    email: 'ase.bjornstad@kommune.example',
  },
  knut: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a05',
    displayName: 'Knut Wiik',
    teamsUserId: '29:1Knut00AbCdEfGhIjKlMnOpQrS',
    email: 'knut.wiik@kommune.example',
  },
  marit: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a06',
    displayName: 'Marit Kvalheim',
    teamsUserId: '29:1Marit0AbCdEfGhIjKlMnOpQr',
    email: 'marit.kvalheim@kommune.example',
  },
  rita: {
    personId: '3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a07',
    displayName: 'Rita Solberg',
    teamsUserId: '29:1Rita00AbCdEfGhIjKlMnOpQrS',
    email: 'rita.solberg@universitet.example',
  },
} as const;

type Who = keyof typeof trustPeople;

/** The words of Marit's that must never reach a researcher: she declines research use. */
export const maritsWords = {
  idea: 'Brukerrådet vil ha faste kontaktpersoner – skriv det inn som krav ✍️',
  answer: 'Vi i brukerrådet ble hørt sent,\nmen vi ble hørt til slutt.',
};

const texts = {
  challenge:
    'Ingrids notat viser at brukerne venter.\nJohansens hverdagspraksis og Pers forslag 💡 peker samme vei;\n' +
    'spør lars.odegard@kommune.example eller Ingrid Johansen (29:1Ingrid0AbCdEfGhIjKlMnOpQr).',
  idea: "Lars' idé: kveldsteam med faste folk, som Åse Bjørnstad foreslo 🚀",
  ideaNoSource: 'Ta med Knut Wiiks erfaring fra nabokommunen (knut.wiik@kommune.example).',
  barrier: 'Turnusen gjør det vanskelig; Åses vurdering er at vi mangler 3 stillinger.',
  sendBack: 'Vi trenger ny runde med de ansatte før ny behandling, sier Knut.\nPer sa det samme.',
  pause: 'Sommerferie: Ingrid Johansen og Lars er borte i juli. ☀️',
  staffParticipants: 'Tillitsvalgte og brukerrådet.\nPer Olsen ledet tre verksteder.',
  staffParticipants2: 'Tillitsvalgte, brukerrådet og nattevakten.\nPer Olsen ledet fem verksteder.',
  memo: 'Tilbakesendingen viser at Åse og Ingrid vektla medvirkning.',
  memoLate: 'Et år etter: Ingrids team er nå fast drift, ifølge ingrid.johansen@kommune.example.',
};

const DAY = 24 * 60;
const START = Date.parse('2026-02-02T08:00:00.000Z');

export interface TrustCase {
  caseId: string;
  /** Commands with who sent them and how many minutes after the start; replayed through `decide`. */
  steps: { who: Who; command: CaseCommand; minutes: number; deliveryId: string }[];
}

function answers(stageId: string, overrides: Record<string, Answer | string> = {}): CaseCommand {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`No stage ${stageId}`);
  return {
    type: 'RecordDocumentation',
    stageId,
    answers: stage.prompts
      .filter((p) => p.required || overrides[p.id] !== undefined)
      .map((p) => {
        const override = overrides[p.id];
        const answer: Answer =
          override === undefined
            ? validAnswer(p.id)
            : typeof override === 'string'
              ? { type: 'text', text: override }
              : override;
        return { promptId: p.id, answer };
      }),
  };
}

/** The case's commands, in order. `lateMemo: false` leaves out the memo written a year later. */
export function trustCaseSteps(caseId: string, options: { lateMemo?: boolean } = {}): TrustCase {
  const steps: TrustCase['steps'] = [];
  let minutes = 0;
  let activity = 0;
  const at = (who: Who, command: CaseCommand, after = 1, suffix = ''): void => {
    minutes += after;
    activity += 1;
    steps.push({
      who,
      command,
      minutes,
      deliveryId: `1774000000${String(activity).padStart(4, '0')}${suffix}`,
    });
  };
  const p = trustPeople;
  at(
    'ingrid',
    {
      type: 'OpenCase',
      caseId,
      title: 'Kveldsteam i hjemmetjenesten',
      unit: 'Hjemmetjenesten sone nord',
      municipality: 'Eksempel kommune',
      conversationId: '19:3f1c2a9e-7b4d-4e21-9a0f-5c6d7e8f9a01_group@unq.gbl.spaces',
      template: { id: template.id, version: template.version },
      language: 'nb',
      managerIds: [p.ase.personId, p.knut.personId],
    },
    0,
  );
  // Roles given by @mention: the bot's delivery id carries the mentioned person's id.
  for (const [who, role] of [
    ['rita', 'researcher'],
    ['lars', 'member'],
    ['per', 'member'],
    ['marit', 'member'],
  ] as const) {
    at('ingrid', { type: 'AssignRole', personId: p[who].personId, role }, 1, `:${p[who].personId}`);
  }

  at('ingrid', answers('define-challenge', { challenge: texts.challenge }));
  at('lars', { type: 'RecordIdea', ideaId: 'idea-1', text: texts.idea, source: 'employees-practice' });
  at('per', { type: 'RecordIdea', ideaId: 'idea-2', text: texts.ideaNoSource });
  at('marit', { type: 'RecordIdea', ideaId: 'idea-3', text: maritsWords.idea, source: 'users-next-of-kin' });
  at('lars', { type: 'RecordBarrier', barrierId: 'barrier-1', text: texts.barrier, category: 'staffing' });
  at('ingrid', { type: 'RequestGateReview', stageId: 'define-challenge' }, 2 * DAY);
  // An approval without a comment, and the four-eyes rule's gate pass with it.
  at('ase', { type: 'DecideGate', stageId: 'define-challenge', decision: { outcome: 'approve' } }, DAY);

  at(
    'ingrid',
    answers('political-anchoring', {
      mandate: 'Prøve ut kveldsteam i sone nord i ett år.',
      budget: { type: 'number', number: 1_500_000 },
    }),
    DAY,
  );
  at('ingrid', {
    type: 'RecordPoliticalDecision',
    stageId: 'political-anchoring',
    reference: {
      body: 'Helse- og omsorgsutvalget',
      meetingDate: '2026-03-12',
      caseNumber: '2026/0417',
      decisionText: 'Utvalget gir administrasjonen mandat til å prøve ut kveldsteam.',
      link: 'https://innsyn.eksempel.no/sak/2026-0417',
    },
  });
  at('ingrid', { type: 'RequestGateReview', stageId: 'political-anchoring' });
  at(
    'knut',
    {
      type: 'DecideGate',
      stageId: 'political-anchoring',
      decision: { outcome: 'approve', comment: 'Godt forankret; Ingrids oppsummering var klar.' },
    },
    2 * DAY,
    `:tab:${p.knut.personId}`,
  );

  at('ingrid', answers('staff-involvement', { participants: texts.staffParticipants }), 5 * DAY);
  at('marit', {
    type: 'RecordDocumentation',
    stageId: 'staff-involvement',
    answers: [{ promptId: 'employee-ideas', answer: { type: 'text', text: maritsWords.answer } }],
  });
  at('ingrid', { type: 'RequestGateReview', stageId: 'staff-involvement' });
  at('ase', { type: 'DecideGate', stageId: 'staff-involvement', decision: { outcome: 'approve' } }, DAY);
  at('knut', {
    type: 'DecideGate',
    stageId: 'staff-involvement',
    decision: {
      outcome: 'approveWithConditions',
      conditions: 'Lars Ødegård skal ikke stå alene med nattevakten.',
    },
  });

  at('ingrid', answers('re-anchoring', { 'rollout-budget': { type: 'number', number: 2_400_000 } }), 7 * DAY);
  at('ingrid', {
    type: 'RecordPoliticalDecision',
    stageId: 're-anchoring',
    reference: {
      body: 'Kommunestyret',
      meetingDate: '2026-06-18',
      caseNumber: '2026/0933',
      decisionText: 'Kommunestyret vedtar varig drift av kveldsteam i sone nord og sone sør.',
    },
  });
  at('ingrid', { type: 'RequestGateReview', stageId: 're-anchoring' });
  at(
    'knut',
    {
      type: 'DecideGate',
      stageId: 're-anchoring',
      decision: { outcome: 'sendBack', toStageId: 'staff-involvement', reason: texts.sendBack },
    },
    DAY,
  );
  at('ingrid', answers('staff-involvement', { participants: texts.staffParticipants2 }), 4 * DAY);
  at('ingrid', { type: 'RequestGateReview', stageId: 'staff-involvement' });
  at('ase', { type: 'DecideGate', stageId: 'staff-involvement', decision: { outcome: 'approve' } }, DAY);
  at('knut', { type: 'DecideGate', stageId: 'staff-involvement', decision: { outcome: 'approve' } });
  // Re-anchoring's second round: the council's June decision still stands, and the log says why.
  at('ingrid', {
    type: 'RecordPoliticalDecision',
    stageId: 're-anchoring',
    reference: {
      body: 'Kommunestyret',
      meetingDate: '2026-06-18',
      caseNumber: '2026/0933',
      decisionText: 'Kommunestyret vedtar varig drift av kveldsteam i sone nord og sone sør.',
    },
    stillStandsBecause: 'Endringene i medarbeiderinvolveringen ligger innenfor vedtaket.',
  });
  at('ingrid', { type: 'RequestGateReview', stageId: 're-anchoring' });
  at('ase', { type: 'DecideGate', stageId: 're-anchoring', decision: { outcome: 'approve' } }, DAY);

  at('ingrid', answers('rollout'), 2 * DAY);
  at('ase', { type: 'PauseCase', reason: texts.pause });
  at('ase', { type: 'ResumeCase' }, 45 * DAY);
  at('ingrid', { type: 'RequestGateReview', stageId: 'rollout' });
  at('knut', { type: 'DecideGate', stageId: 'rollout', decision: { outcome: 'approve' } }, DAY);

  at('ingrid', answers('evaluation'), 60 * DAY);
  at('ingrid', { type: 'RequestGateReview', stageId: 'evaluation' });
  at('ase', { type: 'DecideGate', stageId: 'evaluation', decision: { outcome: 'approve' } }, DAY);

  at('marit', { type: 'RecordResearchConsent', consent: 'declined' }, DAY);
  at('rita', { type: 'RecordMemo', memoId: 'memo-1', text: texts.memo, aboutSeq: 30 }, DAY);
  if (options.lateMemo !== false) {
    at('rita', { type: 'RecordMemo', memoId: 'memo-2', text: texts.memoLate }, 365 * DAY);
  }
  return { caseId, steps };
}

/** Runs the steps through `decide` and appends each command's events with its delivery id. */
export async function storeTrustCase(
  log: EventLog,
  directory: PeopleDirectory,
  caseId = 'case-trust',
  options: { lateMemo?: boolean } = {},
): Promise<{ state: CaseState; events: CaseEvent[] }> {
  const { steps } = trustCaseSteps(caseId, options);
  let state: CaseState | undefined;
  let head = await log.readHead(caseId);
  const events: CaseEvent[] = [];
  for (const step of steps) {
    const decision = decide(step.command, state, {
      actorId: trustPeople[step.who].personId,
      at: new Date(START + step.minutes * 60_000).toISOString(),
      template,
    });
    if (decision.events.length === 0) continue;
    for (const event of decision.events) {
      events.push(event);
      state = evolve(state, event, events.length);
    }
    if (!state) throw new Error('no state');
    head = (
      await log.append({
        caseId,
        expected: head,
        events: decision.events,
        state,
        deliveryId: step.deliveryId,
      })
    ).head;
  }
  if (!state) throw new Error('no events');
  for (const person of Object.values(trustPeople)) {
    const sighting: PersonSighting = {
      ...person,
      aadObjectId: person.personId,
      seenAt: '2026-02-02T08:00:00.000Z',
    };
    await directory.upsertPerson(sighting);
  }
  return { state, events };
}

/** Every form of every participant's identity that must not appear in a pseudonymised export. */
export function forbiddenForms(): { identifiers: string[]; nameWords: string[] } {
  const identifiers = Object.values(trustPeople).flatMap((p) => [
    p.personId,
    p.teamsUserId,
    p.email,
    p.email.split('@')[1] ?? '',
  ]);
  const nameWords = [
    ...new Set(
      Object.values(trustPeople).flatMap((p) =>
        p.displayName
          .replace(/\(.*\)|\|.*$| - .*$/g, '')
          .replace(',', ' ')
          .split(/\s+/)
          .filter((word) => word.length > 1),
      ),
    ),
  ];
  return { identifiers: identifiers.filter((id) => id !== ''), nameWords };
}

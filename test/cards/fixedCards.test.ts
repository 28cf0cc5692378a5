/**
 * The cards with a fixed shape (JSON templates): welcome, help, notice and the open-case form.
 */
import { describe, expect, test } from 'vitest';
import { builtInTemplates, DEFAULT_TEMPLATE_ID, LIMITS } from '../../engine';
import {
  CARD_VERBS,
  CARD_VERSION,
  helpCard,
  INPUT_IDS,
  noticeCard,
  openCaseFormCard,
  welcomeCard,
} from '../../cards';
import { commandHelp } from '../../conversation/commandParser';
import { inputById, readCard, verbsOf } from './cardReading';
import { members } from './cardFixtures';

const templates = builtInTemplates()
  .all()
  .map((entry) => ({ id: entry.id, version: entry.version, title: entry.title }));

describe('welcome card', () => {
  test('says what the bot does, that the documentation is a process log for research, pseudonymised, and how to start', () => {
    const nb = readCard(welcomeCard('nb'));
    expect(nb).toContain('seks steg med porter');
    expect(nb).toContain('prosesslogg');
    expect(nb).toContain('følgeforskning');
    expect(nb).toContain('pseudonymisert');
    expect(nb).toContain('«hjelp»');
    const nn = readCard(welcomeCard('nn'));
    expect(nn).toContain('seks steg med portar');
    expect(nn).toContain('prosesslogg');
    expect(nn).toContain('følgjeforsking');
    expect(nn).toContain('pseudonymisert');
    expect(nn).toContain('«hjelp»');
    const en = readCard(welcomeCard('en'));
    expect(en).toContain('six gated stages');
    expect(en).toContain('process log');
    expect(en).toContain('trailing research (følgeforskning)');
    expect(en).toContain('pseudonymised');
    expect(en).toContain('“help”');
  });

  test('has one button that opens the case form', () => {
    expect(verbsOf(welcomeCard('en'))).toEqual([CARD_VERBS.showOpenCaseForm]);
    expect(welcomeCard('nb').actions?.[0]).toMatchObject({ title: 'Start en sak' });
    expect(welcomeCard('nn').actions?.[0]).toMatchObject({ title: 'Start ei sak' });
  });
});

describe('help card', () => {
  test('lists the command words of the chosen language with what they do', () => {
    const nb = readCard(helpCard('nb', commandHelp('nb')));
    expect(nb).toContain('«hjelp»');
    expect(nb).toContain('«ny sak» / «åpne sak»');
    expect(nb).toContain('viser hvor saken står');
    const en = readCard(helpCard('en', commandHelp('en')));
    expect(en).toContain('“help” / “?”');
    expect(en).toContain('shows where the case stands');
    expect(en).not.toContain('«hjelp»');
    const nn = readCard(helpCard('nn', commandHelp('nn')));
    expect(nn).toContain('«hjelp»');
    expect(nn).not.toContain('“help”');
  });

  test('takes descriptions in every language and picks the card’s', () => {
    const commands = [
      { words: ['status'], description: { nb: 'viser status', nn: 'syner status', en: 'shows the status' } },
    ];
    expect(readCard(helpCard('nb', commands))).toContain('viser status');
    expect(readCard(helpCard('nn', commands))).toContain('syner status');
    expect(readCard(helpCard('en', commands))).toContain('shows the status');
  });
});

describe('notice card', () => {
  test('shows a refusal or confirmation literally, styled by kind', () => {
    const card = noticeCard(
      'en',
      {
        nb: 'Bare **ledere** kan <at>godkjenne</at>.',
        nn: 'Berre **leiarar** kan <at>godkjenne</at>.',
        en: 'Only **managers** can <at>approve</at>.',
      },
      'error',
    );
    expect(readCard(card)).toContain('Only \\*\\*managers\\*\\* can \\<at\\>approve\\</at\\>.');
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(noticeCard('nb', { nb: 'Lagret.', nn: 'Lagra.', en: 'Saved.' }, 'info').body[0]).toMatchObject({
      style: 'emphasis',
    });
    expect(noticeCard('nb', { nb: 'Lagret.', nn: 'Lagra.', en: 'Saved.' }, 'warning').body[0]).toMatchObject({
      style: 'warning',
    });
    expect(readCard(noticeCard('nb', { nb: 'Lagret.', nn: 'Lagra.', en: 'Saved.' }, 'info'))).toContain(
      'Lagret.',
    );
    expect(readCard(noticeCard('nn', { nb: 'Lagret.', nn: 'Lagra.', en: 'Saved.' }, 'info'))).toContain(
      'Lagra.',
    );
  });
});

describe('open-case form', () => {
  const card = openCaseFormCard({ language: 'nb', members, templates });

  test('asks for a title (required), unit and municipality within the engine’s limits', () => {
    expect(inputById(card, INPUT_IDS.openCase.title)).toMatchObject({
      type: 'Input.Text',
      isRequired: true,
      errorMessage: 'Saken trenger en tittel.',
      maxLength: LIMITS.title,
    });
    expect(inputById(card, INPUT_IDS.openCase.unit)).toMatchObject({ maxLength: LIMITS.unit });
    expect(inputById(card, INPUT_IDS.openCase.municipality)).toMatchObject({ maxLength: LIMITS.unit });
  });

  test('offers the templates, the municipal service innovation template chosen', () => {
    const choice = inputById(card, INPUT_IDS.openCase.template)!;
    expect(choice.value).toBe(DEFAULT_TEMPLATE_ID);
    expect(choice.choices).toEqual([{ title: 'Tjenesteinnovasjon i kommunen', value: DEFAULT_TEMPLATE_ID }]);
  });

  test('offers the conversation’s members as managers, several at a time', () => {
    const managers = inputById(card, INPUT_IDS.openCase.managers)!;
    expect(managers).toMatchObject({ isMultiSelect: true, style: 'expanded' });
    expect(managers.choices).toEqual(
      members.map((member) => ({ title: member.name, value: member.personId })),
    );
    const many = Array.from({ length: 20 }, (_, index) => ({ personId: `p${index}`, name: `P ${index}` }));
    expect(
      inputById(openCaseFormCard({ language: 'nb', members: many, templates }), INPUT_IDS.openCase.managers)
        ?.style,
    ).toBe('compact');
  });

  test('says managers can be added later when the members are unknown', () => {
    const empty = openCaseFormCard({ language: 'en', members: [], templates });
    expect(inputById(empty, INPUT_IDS.openCase.managers)).toBeUndefined();
    expect(readCard(empty)).toContain('Managers can be added later');
  });

  test('lets the group choose the case language, the card’s own chosen', () => {
    expect(inputById(card, INPUT_IDS.openCase.language)?.value).toBe('nb');
    expect(inputById(card, INPUT_IDS.openCase.language)?.choices).toEqual([
      { title: 'Norsk bokmål', value: 'nb' },
      { title: 'Norsk nynorsk', value: 'nn' },
      { title: 'Engelsk', value: 'en' },
    ]);
    expect(
      inputById(openCaseFormCard({ language: 'nn', members, templates }), INPUT_IDS.openCase.language)?.value,
    ).toBe('nn');
    expect(
      inputById(openCaseFormCard({ language: 'en', members, templates }), INPUT_IDS.openCase.language)?.value,
    ).toBe('en');
  });

  test('submits with openCase', () => {
    expect(verbsOf(card)).toEqual([CARD_VERBS.openCase]);
  });

  test('is expanded from its template with nothing left unbound', () => {
    expect(card.version).toBe(CARD_VERSION);
    expect(JSON.stringify(card)).not.toContain('${');
  });
});

import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../engine';
import { COMMAND_WORDS, commandHelp, parseCommand } from '../../conversation/commandParser';

describe('reading a chat message as a command', () => {
  it.each([
    ['hjelp', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    [
      'ny sak Hverdagsrehabilitering i sone nord',
      // Words both Norwegian forms share: the turn's written form decides (chatIntents/openCase.ts).
      { kind: 'openCase', title: 'Hverdagsrehabilitering i sone nord' },
    ],
    [
      'New case: Everyday rehabilitation',
      { kind: 'openCase', title: 'Everyday rehabilitation', language: 'en' },
    ],
    ['ny sak', { kind: 'openCase' }],
    ['åpne sak Trygghetsalarm', { kind: 'openCase', title: 'Trygghetsalarm', language: 'nb' }],
    ['open case', { kind: 'openCase', language: 'en' }],
    ['Status', { kind: 'status' }],
    ['skjema', { kind: 'stageForm' }],
    ['neste', { kind: 'nextQuestion' }],
    ['hopp over', { kind: 'skip' }],
    ['skip', { kind: 'skip' }],
    [
      'ikke relevant, fordi vi har ingen budsjett ennå',
      { kind: 'notApplicable', reason: 'vi har ingen budsjett ennå' },
    ],
    ['Not applicable because we have no budget', { kind: 'notApplicable', reason: 'we have no budget' }],
    ['idé: bruk nattevakten', { kind: 'idea', text: 'bruk nattevakten' }],
    ['idea use the night shift', { kind: 'idea', text: 'use the night shift' }],
    ['barriere turnus: vanskelig å samle folk', { kind: 'barrier', text: 'turnus: vanskelig å samle folk' }],
    ['be om vurdering', { kind: 'requestReview' }],
    ['request review', { kind: 'requestReview' }],
    ['trekk vurdering fordi vi vil endre', { kind: 'withdrawReview', reason: 'vi vil endre' }],
    ['saker', { kind: 'listCases' }],
    ['bytt 2', { kind: 'switchCase', which: '2' }],
    ['språk en', { kind: 'language', language: 'en' }],
    // Plain "Norwegian": the municipality's written form decides (chatIntents/language.ts).
    ['language norwegian', { kind: 'language', language: 'norwegian' }],
    ['bli med', { kind: 'join' }],
    ['leder', { kind: 'role', role: 'manager', revoke: false }],
    ['forsker', { kind: 'role', role: 'researcher', revoke: false }],
    ['fjern forsker', { kind: 'role', role: 'researcher', revoke: true }],
    ['pause fordi vi venter på budsjett', { kind: 'pause', reason: 'vi venter på budsjett' }],
    ['pause', { kind: 'pause', reason: '' }],
    ['gjenoppta', { kind: 'resume' }],
    ['stopp: budsjettkutt', { kind: 'stop', reason: 'budsjettkutt' }],
    ['svar: Status quo er ikke bærekraftig', { kind: 'answer', text: 'Status quo er ikke bærekraftig' }],
    // Nynorsk
    [
      'opne sak Kvardagsrehabilitering',
      { kind: 'openCase', title: 'Kvardagsrehabilitering', language: 'nn' },
    ],
    ['opne sak', { kind: 'openCase', language: 'nn' }],
    [
      'ikkje relevant, fordi vi har ikkje budsjett enno',
      { kind: 'notApplicable', reason: 'vi har ikkje budsjett enno' },
    ],
    ['ikkje aktuelt: det gjeld ikkje oss', { kind: 'notApplicable', reason: 'det gjeld ikkje oss' }],
    ['byt 2', { kind: 'switchCase', which: '2' }],
    ['leiar', { kind: 'role', role: 'manager', revoke: false }],
    ['fjern forskar', { kind: 'role', role: 'researcher', revoke: true }],
    ['deltakar', { kind: 'role', role: 'member', revoke: false }],
    ['ta opp att', { kind: 'resume' }],
    ['hald fram', { kind: 'resume' }],
    ['nei til forsking', { kind: 'declineResearch' }],
    ['forsking ok', { kind: 'allowResearch' }],
    ['pause sidan vi ventar på budsjett', { kind: 'pause', reason: 'vi ventar på budsjett' }],
    // The language command, in all three languages
    ['språk nn', { kind: 'language', language: 'nn' }],
    ['språk nynorsk', { kind: 'language', language: 'nn' }],
    ['language nn', { kind: 'language', language: 'nn' }],
    ['language nynorsk', { kind: 'language', language: 'nn' }],
    ['språk nb', { kind: 'language', language: 'nb' }],
    ['språk bokmål', { kind: 'language', language: 'nb' }],
    ['språk norsk', { kind: 'language', language: 'norwegian' }],
    ['mitt språk nn', { kind: 'ownLanguage', language: 'nn' }],
    ['my language English', { kind: 'ownLanguage', language: 'en' }],
    ['mitt språk sak', { kind: 'ownLanguage', language: 'case' }],
    ['my language', { kind: 'ownLanguage' }],
    ['mitt språk fransk', { kind: 'ownLanguage', unrecognised: 'fransk' }],
    ['language nb', { kind: 'language', language: 'nb' }],
    ['språk engelsk', { kind: 'language', language: 'en' }],
    ['language english', { kind: 'language', language: 'en' }],
    ['språk', { kind: 'language' }],
  ])('reads %j', (text, intent) => {
    expect(parseCommand(text)).toEqual(intent);
  });

  it('leaves ordinary answers alone, even when they begin with a command word', () => {
    expect(parseCommand('Status quo er ikke bærekraftig')).toEqual({
      kind: 'text',
      text: 'Status quo er ikke bærekraftig',
    });
    expect(parseCommand('Neste år blir det flere eldre')).toEqual({
      kind: 'text',
      text: 'Neste år blir det flere eldre',
    });
    expect(parseCommand('Idéen kom fra nattevakten')).toEqual({
      kind: 'text',
      text: 'Idéen kom fra nattevakten',
    });
  });

  it('collapses whitespace and ignores case', () => {
    expect(parseCommand('  NY   SAK   Trygghetsalarm  ')).toEqual({
      kind: 'openCase',
      title: 'Trygghetsalarm',
    });
  });

  it('lists every command in every language for help, with different words', () => {
    for (const language of LANGUAGES) {
      const help = commandHelp(language);
      expect(help).toHaveLength(COMMAND_WORDS.length);
      expect(help.every((h) => h.words.length > 0 && h.description.length > 5)).toBe(true);
    }
    expect(commandHelp('nb')[0]?.words).toEqual(['hjelp']);
    expect(commandHelp('en')[0]?.words).toEqual(['help', '?']);
    const notApplicable = COMMAND_WORDS.findIndex((c) => c.kind === 'notApplicable');
    expect(commandHelp('nn')[notApplicable]?.words).toEqual(['ikkje relevant', 'ikkje aktuelt']);
  });

  it('names every language in the language command’s help', () => {
    const help = commandHelp('nn')[COMMAND_WORDS.findIndex((c) => c.kind === 'language')]?.description;
    for (const word of ['språk nn', 'språk nb', 'språk en']) expect(help).toContain(word);
    const nb = commandHelp('nb')[COMMAND_WORDS.findIndex((c) => c.kind === 'language')]?.description;
    for (const word of ['språk nn', 'språk nb', 'språk en']) expect(nb).toContain(word);
  });

  it('knows every listed word (each parses to its own command)', () => {
    for (const command of COMMAND_WORDS) {
      for (const word of LANGUAGES.flatMap((language) => command.words[language])) {
        expect(parseCommand(word).kind).toBe(command.kind);
      }
    }
  });

  it.each([
    'Ja – Per Andersen var med',
    'Planlagt (i mars)',
    '1,2 mill.',
    '3 mrd',
    'alle: og lite tid til veiledning',
    '1, 3',
    '2: og dessuten sykefravær',
  ])('leaves %j to the question loop as an answer', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'text', text });
  });

  it.each([
    ['ikke aktuelt: vi har ikke budsjett', 'vi har ikke budsjett'],
    ['Ikke relevant – kartleggingen er ikke gjort', 'kartleggingen er ikke gjort'],
    ['n/a, since there is no budget', 'there is no budget'],
  ])('reads the reason of %j without its lead word', (text, reason) => {
    expect(parseCommand(text)).toEqual({ kind: 'notApplicable', reason });
  });
});

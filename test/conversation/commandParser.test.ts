import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS, commandHelp, parseCommand } from '../../conversation/commandParser';

describe('reading a chat message as a command', () => {
  it.each([
    ['hjelp', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    [
      'ny sak Hverdagsrehabilitering i sone nord',
      { kind: 'openCase', title: 'Hverdagsrehabilitering i sone nord', language: 'nb' },
    ],
    [
      'New case: Everyday rehabilitation',
      { kind: 'openCase', title: 'Everyday rehabilitation', language: 'en' },
    ],
    ['ny sak', { kind: 'openCase', language: 'nb' }],
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
    ['language norwegian', { kind: 'language', language: 'nb' }],
    ['bli med', { kind: 'join' }],
    ['leder', { kind: 'role', role: 'manager', revoke: false }],
    ['forsker', { kind: 'role', role: 'researcher', revoke: false }],
    ['fjern forsker', { kind: 'role', role: 'researcher', revoke: true }],
    ['pause fordi vi venter på budsjett', { kind: 'pause', reason: 'vi venter på budsjett' }],
    ['pause', { kind: 'pause', reason: '' }],
    ['gjenoppta', { kind: 'resume' }],
    ['stopp: budsjettkutt', { kind: 'stop', reason: 'budsjettkutt' }],
    ['svar: Status quo er ikke bærekraftig', { kind: 'answer', text: 'Status quo er ikke bærekraftig' }],
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
      language: 'nb',
    });
  });

  it('lists every command in both languages for help, with different words', () => {
    for (const language of ['nb', 'en'] as const) {
      const help = commandHelp(language);
      expect(help).toHaveLength(COMMAND_WORDS.length);
      expect(help.every((h) => h.words.length > 0 && h.description.length > 5)).toBe(true);
    }
    expect(commandHelp('nb')[0]?.words).toEqual(['hjelp']);
    expect(commandHelp('en')[0]?.words).toEqual(['help', '?']);
  });

  it('knows every listed word (each parses to its own command)', () => {
    for (const command of COMMAND_WORDS) {
      for (const word of [...command.words.nb, ...command.words.en]) {
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

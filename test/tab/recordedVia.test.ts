/**
 * How the page says where an idea or a barrier came from (in the timeline's list and in its tooltip):
 * from a message by whom and when, or typed to the bot, in every language.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineMarkView } from '../../dashboard/viewModel';
import { formatDate, recordedViaText } from '../../tab/texts';

const at = '2026-12-01T08:15:00.000Z';
const kept: TimelineMarkView = {
  seq: 5,
  at,
  kind: 'idea',
  recordedVia: 'message',
  message: { by: 'Kari Olsen', writtenAt: at, link: 'https://teams.microsoft.com/l/message/x/1' },
};

describe('where an idea or a barrier came from, on the page', () => {
  it('names the writer of the message and when it was written', () => {
    expect(recordedViaText(kept, 'nb')).toBe(
      `Fra en melding av Kari Olsen, skrevet ${formatDate('nb', at, true)}`,
    );
    expect(recordedViaText(kept, 'nn')).toBe(
      `Frå ei melding av Kari Olsen, skriven ${formatDate('nn', at, true)}`,
    );
    expect(recordedViaText(kept, 'en')).toBe(
      `From a message by Kari Olsen, written ${formatDate('en', at, true)}`,
    );
  });

  it('says a message with no writer or time is from a message, and a typed one that it was typed', () => {
    expect(recordedViaText({ ...kept, message: {} }, 'nn')).toBe('Frå ei melding');
    expect(recordedViaText({ seq: 6, at, kind: 'barrier', recordedVia: 'chat' }, 'nb')).toBe(
      'Skrevet til boten',
    );
    expect(recordedViaText({ seq: 6, at, kind: 'barrier', recordedVia: 'chat' }, 'en')).toBe(
      'Typed to the bot',
    );
    expect(recordedViaText({ seq: 7, at, kind: 'reviewRequested' }, 'en')).toBeUndefined();
  });
});

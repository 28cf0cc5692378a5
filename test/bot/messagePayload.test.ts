import { describe, expect, it } from 'vitest';
import { readActedOnMessage } from '../../bot/messagePayload';

const payload = (body: unknown, extra: Record<string, unknown> = {}) => ({
  id: '1733300000000',
  createdDateTime: '2026-12-01T08:15:00.065Z',
  linkToMessage: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1733300000000',
  from: {
    user: { userIdentityType: 'aadUser', id: '6b1d0000-0000-4000-8000-0000000000aa', displayName: 'Kari' },
  },
  body,
  ...extra,
});

describe('the message a message action was used on', () => {
  it('reads the id, the writer, the time and the link as Teams sends them', () => {
    expect(readActedOnMessage(payload({ contentType: 'html', content: '<p>Hei</p>' }))).toEqual({
      messageId: '1733300000000',
      text: 'Hei',
      link: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1733300000000',
      author: { userId: '6b1d0000-0000-4000-8000-0000000000aa', name: 'Kari' },
      writtenAt: '2026-12-01T08:15:00.065Z',
    });
  });

  it('turns the HTML body into the text people read: mentions, links, lines, entities and emoji', () => {
    const html =
      '<div><p>Hei <at id="0">Mia Manager</at>, se <a href="https://x.example/n">notatet</a> &amp; svar&nbsp;i dag</p>' +
      '<ul><li>én</li><li>to</li></ul><p>Takk <emoji id="smile" alt="🙂" title="Smil"></emoji>' +
      '<img itemtype="http://schema.skype.com/Emoji" alt="👍" src="https://x/e.png"><img src="https://x/p.png" alt="image"></p>' +
      '<h2>Overskrift</h2><script>alert(1)</script></div>';
    expect(readActedOnMessage(payload({ contentType: 'html', content: html }))?.text).toBe(
      'Hei Mia Manager, se notatet & svar\u00a0i dag\n\n * én\n * to\n\nTakk 🙂👍\n\n\nOverskrift',
    );
  });

  it('leaves out the @mention of the bot the message was written to, and keeps those of people', () => {
    const read = readActedOnMessage(
      payload(
        {
          contentType: 'html',
          content: '<p><at id="0">Innovasjonsporter</at> idé: spør <at id="1">Kari</at></p>',
        },
        {
          mentions: [
            { id: 0, mentionText: 'Innovasjonsporter', mentioned: { application: { id: 'bot-id' } } },
            { id: 1, mentionText: 'Kari', mentioned: { user: { id: 'kari-id' } } },
          ],
        },
      ),
    );
    expect(read?.text).toBe('idé: spør Kari');
    const plain = readActedOnMessage(
      payload(
        { contentType: 'html', content: '<p>Innovasjonsporter idé: spør Kari</p>' },
        {
          mentions: [
            { id: 0, mentionText: '<at>Innovasjonsporter</at>', mentioned: { application: { id: 'b' } } },
          ],
        },
      ),
    );
    expect(plain?.text).toBe('idé: spør Kari');
  });

  it('keeps a text body as it is, and leaves out what is not of the kind Teams sends', () => {
    const read = readActedOnMessage(
      payload(
        { contentType: 'text', content: '<b>ikke HTML</b>' },
        {
          linkToMessage: 'javascript:alert(1)',
          createdDateTime: 'i går',
          from: { application: { id: 'bot' } },
        },
      ),
    );
    expect(read).toEqual({ messageId: '1733300000000', text: '<b>ikke HTML</b>' });
  });

  it('is nothing without an id, and an empty text for a message that is only a card', () => {
    expect(readActedOnMessage(undefined)).toBeUndefined();
    expect(readActedOnMessage({ body: { content: 'x' } })).toBeUndefined();
    expect(readActedOnMessage({ id: 'm1', attachments: [{}] })).toEqual({ messageId: 'm1', text: '' });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionsBot, questionFromMessage } from '../../src/discord/index.js';

const BOT = '1100000000000000001';

describe('mentionsBot', () => {
  it('sees the bot mentioned as <@id> or <@!id>, anywhere in the text', () => {
    expect(mentionsBot(`<@${BOT}> hi`, BOT)).toBe(true);
    expect(mentionsBot(`so <@!${BOT}>, what about math?`, BOT)).toBe(true);
  });

  it('does not count @everyone, @here, a role, another user or a reply without a mention', () => {
    expect(mentionsBot('@everyone what did RAND find?', BOT)).toBe(false);
    expect(mentionsBot('@here anyone?', BOT)).toBe(false);
    expect(mentionsBot(`<@&${BOT}> role with the same digits`, BOT)).toBe(false);
    expect(mentionsBot('<@1100000000000000002> someone else', BOT)).toBe(false);
    expect(mentionsBot('thanks, that helps!', BOT)).toBe(false);
  });
});

describe('questionFromMessage', () => {
  it('takes the text around the mention as the question', () => {
    expect(questionFromMessage(`<@${BOT}> what did RAND find for reading?`, BOT)).toBe(
      'what did RAND find for reading?',
    );
    expect(questionFromMessage(`what did RAND find,  <@!${BOT}>\nfor reading?`, BOT)).toBe(
      'what did RAND find, for reading?',
    );
  });

  it('is empty for a bare mention', () => {
    expect(questionFromMessage(` <@${BOT}>  `, BOT)).toBe('');
  });

  it('never leaves the bot mention or surrounding spaces in, for any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constant(`<@${BOT}>`), fc.constant(`<@!${BOT}>`))),
        (parts) => {
          const question = questionFromMessage(parts.join(''), BOT);
          expect(question).not.toContain(`<@${BOT}>`);
          expect(question).toBe(question.trim());
        },
      ),
    );
  });
});

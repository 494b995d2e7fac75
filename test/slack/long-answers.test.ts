import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/index.js';
import { ANSWER_ACTIONS_BLOCK_ID } from '../../src/slack/action-values.js';
import { SLACK_LIMITS, SLACK_MESSAGES } from '../../src/slack/index.js';
import { HOSTILE, MANY } from '../fixtures/slack-answers.js';
import { allText } from '../helpers/slack-blocks.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import { mentionEvent, postEvent, postSlashCommand } from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  const answerer: QuestionAnswerer = {
    answer: (question) => (question.includes('everything') ? MANY : { ...HOSTILE, question }),
  };
  app = await startHttpSlackApp(answerer, { maxExcerpts: 20 });
});

afterAll(async () => {
  await app?.close();
});

describe('slack long and hostile answers, end to end', () => {
  it('sends an answer too big for one message as several, at most five to a response_url, in order', async () => {
    await postSlashCommand(app.eventsUrl, { text: 'everything', response_url: app.fake.responseUrl('many') });
    const replies = await app.fake.waitFor(() => {
      const found = app.fake.responsesTo('many');
      return found.at(-1)?.body.blocks && JSON.stringify(found.at(-1)?.body).includes(ANSWER_ACTIONS_BLOCK_ID)
        ? found
        : undefined;
    });
    expect(replies.length).toBe(SLACK_LIMITS.responseUrlPosts);
    const text = allText(replies.map((r) => r.body));
    expect(text.indexOf('> 0: word0')).toBeGreaterThan(0);
    expect(text.indexOf('> 0: word0')).toBeLessThan(text.indexOf('> 1: word0'));
    expect(text).toContain(SLACK_MESSAGES.leftOut);
  });

  it('splits a long answer to a mention over several messages in the same thread', async () => {
    await postEvent(app.eventsUrl, mentionEvent('<@UBOT> everything', 'C0LONG', '1700002000.000100'));
    const posts = await app.fake.waitFor(() => {
      const found = app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0LONG');
      return found.some((c) => JSON.stringify(c.args.blocks).includes(ANSWER_ACTIONS_BLOCK_ID))
        ? found
        : undefined;
    });
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.length).toBeLessThanOrEqual(SLACK_LIMITS.postedMessages);
    for (const post of posts) {
      expect(post.args.thread_ts).toBe('1700002000.000100');
    }
  });

  it("restates a command's mentions and links as the plain words Slack showed the asker", async () => {
    await postSlashCommand(app.eventsUrl, {
      text: '<!channel> <!here> <@U0BOSS> hello &amp; <https://evil.example|click>',
      response_url: app.fake.responseUrl('hostile'),
    });
    const [reply] = await app.fake.waitFor(() => {
      const found = app.fake.responsesTo('hostile');
      return found.length > 0 ? found : undefined;
    });
    expect(allText([reply?.body ?? {}])).toContain('@channel @here @U0BOSS hello &amp; click');
  });
});

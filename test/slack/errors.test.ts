import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/index.js';
import { SLACK_MESSAGES } from '../../src/slack/index.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { allText } from '../helpers/slack-blocks.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import { directMessageEvent, mentionEvent, postEvent, postSlashCommand } from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  const engine = await seedEngine();
  const answerer: QuestionAnswerer = {
    answer(question) {
      if (question.includes('boom')) throw new Error('engine exploded');
      return engine.answer(question);
    },
  };
  app = await startHttpSlackApp(answerer);
});

afterAll(async () => {
  await app?.close();
});

function responses(id: string) {
  return app.fake.waitFor(() => {
    const found = app.fake.responsesTo(id);
    return found.length > 0 ? found : undefined;
  });
}

describe('slack errors', () => {
  it('apologizes to the asker, logs the error with its context and keeps serving', async () => {
    const ack = await postSlashCommand(app.eventsUrl, {
      text: 'boom',
      response_url: app.fake.responseUrl('boom'),
    });
    expect(ack.status).toBe(200);
    const [apology] = await responses('boom');
    expect(apology?.body).toMatchObject({ response_type: 'ephemeral', text: SLACK_MESSAGES.apology });
    const logged = app.log.lines.find((l) => l.msg === 'slack: answering failed');
    expect(logged).toMatchObject({
      kind: 'slash_command',
      user: 'U0ASKER',
      channel: 'C0CHANNEL',
      team: 'T0FAKE',
    });
    expect(JSON.stringify(logged?.err)).toContain('engine exploded');

    await postSlashCommand(app.eventsUrl, {
      text: 'who funded the study?',
      response_url: app.fake.responseUrl('after'),
    });
    const [answer] = await responses('after');
    expect(answer?.body.response_type).toBe('in_channel');
  });

  it('apologizes in the thread when answering a mention fails', async () => {
    await postEvent(app.eventsUrl, mentionEvent('<@UBOT> boom', 'C0BOOM', '1700000700.000100'));
    const post = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0BOOM'),
    );
    expect(post.args).toMatchObject({ thread_ts: '1700000700.000100', text: SLACK_MESSAGES.apology });
  });

  it('logs, and keeps serving, when Slack refuses the reply and the apology too', async () => {
    app.fake.failing.set('chat.postMessage', 'channel_not_found');
    try {
      await postEvent(
        app.eventsUrl,
        directMessageEvent('who funded the study?', 'D0GONE', '1700000800.000100'),
      );
      await app.fake.waitFor(() => app.log.lines.find((l) => l.msg === 'slack: apology failed too'));
      expect(app.log.lines.some((l) => l.msg === 'slack: answering failed' && l.channel === 'D0GONE')).toBe(
        true,
      );
    } finally {
      app.fake.failing.delete('chat.postMessage');
    }
    await postEvent(
      app.eventsUrl,
      directMessageEvent('who funded the study?', 'D0BACK', '1700000900.000100'),
    );
    const post = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0BACK'),
    );
    expect(allText([post.args])).toContain(SLACK_MESSAGES.footer);
  });
});

import { describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/index.js';
import {
  type ChatMessage,
  type ChatReply,
  createChat,
  HELP_WORDS,
  isHelpRequest,
} from '../../src/chat/index.js';
import type { AnswerEvent, Recorder, VoteEvent } from '../../src/store/recorder.js';
import { researchEngine } from '../helpers/research-engine.js';
import { captureLogger } from '../helpers/slack-harness.js';

/** A recorder that keeps what it was given. */
function keepingRecorder(): Recorder & { answers: AnswerEvent[]; votes: VoteEvent[] } {
  const answers: AnswerEvent[] = [];
  const votes: VoteEvent[] = [];
  return {
    answers,
    votes,
    recordAnswer: (event) => {
      answers.push(event);
      return `answer-${answers.length}`;
    },
    recordVote: (event) => void votes.push(event),
    recordCuration: () => undefined,
  };
}

/** A chat over the research fixture, with what it says, logs and records kept. */
async function chatWith(
  options: { rateLimit?: { max: number; windowMs: number }; answerer?: QuestionAnswerer } = {},
) {
  const log = captureLogger();
  const recorder = keepingRecorder();
  const chat = createChat({
    platform: 'slack',
    answerer: options.answerer ?? (await researchEngine()),
    logger: log.logger,
    recorder,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const said: ChatReply[] = [];
  const receive = (text: string, more: Partial<ChatMessage> = {}, keys: string[] = []) =>
    chat.receive(
      { kind: 'test', user: 'U1', channel: 'C1', text, ...more },
      {
        say: async (reply) => {
          said.push(reply);
          return keys;
        },
      },
    );
  return { chat, log, recorder, said, receive };
}

describe('the conversation', () => {
  it('answers help words and empty text with help, and searches nothing for them', async () => {
    const { said, recorder, receive } = await chatWith();
    for (const text of ['', '   ', ...HELP_WORDS, ' HELP ']) await receive(text);
    expect(said.every((reply) => reply.kind === 'help')).toBe(true);
    expect(said).toHaveLength(HELP_WORDS.size + 3);
    expect(recorder.answers).toHaveLength(0);
    expect(isHelpRequest('help me understand RAND')).toBe(false);
  });

  it('gives the page of the sources list asked for', async () => {
    const { said, receive } = await chatWith();
    await receive('sources 2');
    expect(said[0]).toMatchObject({ kind: 'sources', page: 2 });
    expect(said[0]?.kind === 'sources' && said[0].entries.length).toBe(4);
  });

  it('records an answer once, logs it once without the question or the user, and says it', async () => {
    const { said, recorder, log, receive } = await chatWith();
    await receive('what did the tutoring study find for math?');
    expect(recorder.answers).toHaveLength(1);
    expect(recorder.answers[0]).toMatchObject({
      platform: 'slack',
      user: 'U1',
      channel: 'C1',
      followUp: false,
    });
    expect(said[0]).toMatchObject({ kind: 'answer', answerId: 'answer-1', followUp: false });
    const info = log.lines.filter((line) => line.level === 30);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ kind: 'test', channel: 'C1', filtered: false });
    expect(JSON.stringify(info[0])).not.toMatch(/tutoring study|U1/);
  });

  it('builds a follow-up on the turn remembered under the keys the transport returned', async () => {
    const { said, receive } = await chatWith();
    await receive('what did the tutoring study find for math?', {}, ['thread-1']);
    await receive('and for reading?', { conversation: 'thread-1' });
    expect(said[1]).toMatchObject({ kind: 'answer', followUp: true });
    await receive('and for reading?', { conversation: 'another thread' });
    expect(said[2]).toMatchObject({ kind: 'answer', followUp: false });
  });

  it('does not record a refusal (an unreadable filter)', async () => {
    const { said, recorder, receive } = await chatWith();
    await receive('since:someday what did the study find?');
    expect(said[0]?.kind === 'answer' && said[0].answer.status).toBe('needs_question');
    expect(recorder.answers).toHaveLength(0);
  });

  it('counts every message that earns a reply against the rate limit, help included', async () => {
    const { said, receive } = await chatWith({ rateLimit: { max: 2, windowMs: 60_000 } });
    await receive('help');
    await receive('what did the tutoring study find for math?');
    await receive('what did the tutoring study find for math?');
    await receive('help', { user: 'U2' });
    expect(said.map((reply) => reply.kind)).toEqual(['help', 'answer', 'rate_limited', 'help']);
    expect(said[2]).toMatchObject({ seconds: 60 });
  });

  it('logs a failure with where it happened and apologises, without rejecting', async () => {
    const failing: QuestionAnswerer = {
      documents: [],
      answer: () => {
        throw new Error('index broken');
      },
    };
    const { said, log, receive } = await chatWith({ answerer: failing });
    await expect(receive('what did the study find?')).resolves.toBeUndefined();
    expect(said).toEqual([{ kind: 'apology' }]);
    expect(log.lines.find((line) => line.msg === 'slack: answering failed')).toMatchObject({
      kind: 'test',
      channel: 'C1',
      err: { message: 'index broken' },
    });
  });

  it('logs an apology that cannot be sent either, and still does not reject', async () => {
    const { chat, log } = await chatWith();
    await chat.receive(
      { kind: 'test', text: 'help' },
      {
        say: async () => {
          throw new Error('platform down');
        },
      },
    );
    expect(log.lines.map((line) => line.msg)).toEqual([
      'slack: answering failed',
      'slack: apology failed too',
    ]);
  });

  it('records and logs a vote', async () => {
    const { chat, recorder, log } = await chatWith();
    chat.vote({
      user: 'U1',
      channel: 'C1',
      vote: 'down',
      answerId: 'a1',
      excerptIds: ['x#2'],
      question: 'q',
    });
    expect(recorder.votes).toEqual([{ platform: 'slack', user: 'U1', vote: 'down', answerId: 'a1' }]);
    expect(log.lines.find((line) => line.msg === 'slack: feedback')).toMatchObject({ excerptIds: ['x#2'] });
  });
});

describe('stopping the conversation', () => {
  it('waits for answers under way, then tells newcomers the bot is restarting', async () => {
    const { chat, said, receive } = await chatWith();
    let release = () => {};
    const slow = chat.receive(
      { kind: 'test', text: 'help' },
      {
        say: (reply) =>
          new Promise((resolve) => {
            release = () => {
              said.push(reply);
              resolve(undefined);
            };
          }),
      },
    );
    expect(chat.inflight).toBe(1);
    const closed = chat.close(2000);
    expect(chat.closing).toBe(true);
    await receive('what did the tutoring study find for math?');
    release();
    await slow;
    expect(await closed).toBe(true);
    expect(said.map((reply) => reply.kind)).toEqual(['restarting', 'help']);
  });

  it('gives up after the grace period and says so in the log', async () => {
    const { chat, log } = await chatWith();
    void chat.track(() => new Promise(() => {}));
    expect(await chat.close(20)).toBe(false);
    expect(log.lines.some((line) => line.msg === 'slack: stopped before every answer was sent')).toBe(true);
  });
});

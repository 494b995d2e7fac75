import { describe, expect, it } from 'vitest';
import {
  buildFollowUp,
  CHAT_MESSAGES,
  CONVERSATION_DEFAULTS,
  ConversationMemory,
  type ConversationTurn,
  createResearch,
  shortTopic,
} from '../../src/chat/index.js';
import { researchEngine } from '../helpers/research-engine.js';

const MATH: ConversationTurn = { question: 'What did RAND find for math?', from: [], since: null };

describe('buildFollowUp', () => {
  it('puts a connective follow-up in place of the earlier aspect: "and for reading?"', async () => {
    expect(buildFollowUp('and for reading?', MATH)).toEqual({
      question: 'RAND find for reading?',
      carried: 'RAND find',
    });
    expect(buildFollowUp('what about the 2015 study?', MATH).carried).toBe('RAND find');
  });

  it('carries the whole earlier topic into a question that refers back: "who said that?"', async () => {
    expect(buildFollowUp('who said that?', MATH)).toEqual({
      question: 'RAND find math who said that?',
      carried: 'RAND find math',
    });
  });

  it('leaves a new question alone, even in a conversation', async () => {
    expect(buildFollowUp('Who funded the study?', MATH)).toEqual({
      question: 'Who funded the study?',
      carried: null,
    });
    expect(
      buildFollowUp('And what did teachers report about their workload this year?', MATH).carried,
    ).toBeNull();
    expect(buildFollowUp('and for reading?', undefined).carried).toBeNull();
  });

  it('shortens a long carried topic to its first and last word', async () => {
    expect(shortTopic('RAND find math')).toBe('RAND find math');
    expect(shortTopic('RAND personalized learning find math')).toBe('RAND … math');
  });
});

describe('a research conversation', () => {
  it('keeps the filters of the question it follows', async () => {
    const research = createResearch(await researchEngine());
    const first = await research.ask({
      text: 'from:gazette what did the tutoring study find for math?',
      conversation: 'c',
    });
    expect(first.turn?.from).toEqual(['gazette']);
    research.remember('c', first.turn as ConversationTurn);
    const next = await research.ask({ text: 'and for reading?', conversation: 'c' });
    expect(next.followUp).toBe(true);
    expect(next.answer.note).toBe(
      `${CHAT_MESSAGES.followUp('tutoring study find')} ${CHAT_MESSAGES.onlyFrom('Tutoring Gazette', null)}`,
    );
    expect(new Set(next.answer.excerpts.map((excerpt) => excerpt.source.id))).toEqual(
      new Set(['gazette-tutoring-math']),
    );
  });
});

describe('ConversationMemory', () => {
  it('forgets a conversation idle past its time, and the least recent past its size', async () => {
    let now = 0;
    const memory = new ConversationMemory({ maxConversations: 2, ttlMs: 1000 }, () => now);
    memory.remember('a', MATH);
    memory.remember('b', MATH);
    memory.remember('c', MATH);
    expect(memory.get('a')).toBeUndefined();
    expect(memory.get('c')).toBe(MATH);
    now = 1001;
    expect(memory.get('c')).toBeUndefined();
    expect(CONVERSATION_DEFAULTS.ttlMs).toBe(3_600_000);
  });
});

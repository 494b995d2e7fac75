import { describe, expect, it } from 'vitest';
import { CHAT_MESSAGES, createResearch, documentsMatching } from '../../src/chat/index.js';
import { researchEngine } from '../helpers/research-engine.js';

const ids = (answer: { excerpts: Array<{ source: { id: string } }> }) => [
  ...new Set(answer.excerpts.map((excerpt) => excerpt.source.id)),
];

describe('from: and since: in a question', () => {
  it('names documents by id prefix, publisher written together or apart, or title words', async () => {
    const { documents } = await researchEngine();
    const match = (term: string) => documentsMatching(documents, term).map((document) => document.meta.id);
    expect(match('gazette')).toEqual(['gazette-tutoring-math']);
    expect(match('citydaily')).toEqual(['city-daily-funding']);
    expect(match('Learning Report')).toEqual(['learning-report-reading']);
    expect(match('foundation grant')).toEqual(['city-daily-funding']);
    expect(match('report')).toEqual(['learning-report-reading']);
    expect(match('daily')).toEqual(['city-daily-funding', 'gazette-tutoring-math']);
  });

  it('answers only from the sources named, and says so', async () => {
    const research = createResearch(await researchEngine());
    const open = (await research.ask({ text: 'who pays for tutoring?' })).answer;
    expect(ids(open)).toContain('city-daily-funding');
    const only = (
      await research.ask({
        text: 'from:"Learning Report" what did tutors say was the hardest part?',
      })
    ).answer;
    expect(only.status).toBe('answered');
    expect(ids(only)).toEqual(['learning-report-reading']);
    expect(only.note).toBe(CHAT_MESSAGES.onlyFrom('The Learning Report', null));
    expect(only.question).toBe('from:"Learning Report" what did tutors say was the hardest part?');
  });

  it('abstains, naming only the allowed sources, when they do not cover the question', async () => {
    const research = createResearch(await researchEngine());
    const answer = (await research.ask({ text: 'from:gazette who pays for tutoring?' })).answer;
    expect(answer.status).toBe('not_covered');
    expect(answer.suggestions).toHaveLength(1);
    expect(answer.suggestions[0]).toContain('Tutoring Gazette');
  });

  it('keeps sources dated on or after since:, leaving undated ones out', async () => {
    const research = createResearch(await researchEngine());
    const answer = (await research.ask({ text: 'since:2017 what did the tutors and teachers report?' }))
      .answer;
    expect(answer.note).toBe(CHAT_MESSAGES.onlySince('2017-01-01'));
    for (const id of ids(answer)) expect(['learning-report-reading', 'city-daily-funding']).toContain(id);
  });

  it('says plainly when no source matches, without searching', async () => {
    const research = createResearch(await researchEngine());
    const reply = await research.ask({ text: 'from:nowhere since:2030 what did tutors find?' });
    expect(reply.answer.status).toBe('needs_question');
    expect(reply.answer.message).toBe(CHAT_MESSAGES.noSourceMatches('from:nowhere since:2030-01-01'));
    expect(reply.turn).toBeNull();
  });

  it("narrows a channel's source set further with from:, and never widens it", async () => {
    const research = createResearch(await researchEngine(), { channelSources: { C1: ['citydaily'] } });
    expect(ids((await research.ask({ text: 'who pays for tutoring?', channel: 'C1' })).answer)).toEqual([
      'city-daily-funding',
    ]);
    const outside = await research.ask({
      text: 'from:gazette what did the tutoring study find?',
      channel: 'C1',
    });
    expect(outside.answer.status).toBe('needs_question');
    expect(
      (await research.ask({ text: 'what did the tutoring study find for math?', channel: 'C1' })).answer
        .excerpts,
    ).toEqual([]);
  });
});

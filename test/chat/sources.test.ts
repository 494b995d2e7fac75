import { describe, expect, it } from 'vitest';
import { createResearch, listSources, sourcesPage, sourcesRequest } from '../../src/chat/index.js';
import { generatedDocuments, researchEngine } from '../helpers/research-engine.js';

describe('the sources list', () => {
  it('lists every source with title, publisher, date and quotable passages, by publisher', async () => {
    const entries = listSources((await researchEngine()).documents);
    expect(entries.map((entry) => entry.publisher)).toEqual([
      'City Daily',
      'Field Notes',
      'The Learning Report',
      'Tutoring Gazette',
    ]);
    expect(entries[3]).toEqual({
      id: 'gazette-tutoring-math',
      title: 'Daily Tutoring Lifts Math Scores in Riverside Study',
      publisher: 'Tutoring Gazette',
      date: '2016-03-14',
      passages: 4,
    });
    expect(entries[1]?.title).toBe('Untitled article, Field Notes');
  });

  it('pages any number of sources and keeps a page past the end on the last page', () => {
    const entries = listSources(generatedDocuments(500));
    const page = sourcesPage(entries, 3, 20);
    expect(page).toMatchObject({ page: 3, pages: 25, total: 500, first: 41 });
    expect(page.entries).toHaveLength(20);
    expect(sourcesPage(entries, 99, 20).page).toBe(25);
    expect(sourcesPage([], 1, 20)).toMatchObject({ page: 1, pages: 1, total: 0 });
  });

  it('recognises "sources", "sources 3" and "list sources page 2", and nothing else', () => {
    expect(sourcesRequest('sources')).toBe(1);
    expect(sourcesRequest('Sources 3')).toBe(3);
    expect(sourcesRequest('list sources page 2')).toBe(2);
    expect(sourcesRequest('what sources did RAND use?')).toBeNull();
  });

  it("lists only a channel's own sources when the channel is tied to a set", async () => {
    const research = createResearch(await researchEngine(), {
      channelSources: { C1: ['citydaily', 'Field Notes'] },
    });
    expect(research.sources('C1').map((entry) => entry.id)).toEqual([
      'city-daily-funding',
      'field-notes-schedules',
    ]);
    expect(research.sources('C2')).toHaveLength(4);
  });
});

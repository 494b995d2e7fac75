import { describe, expect, it } from 'vitest';
import {
  CHAT_MESSAGES,
  createResearch,
  listSources,
  sourcesPage,
  sourcesRequest,
} from '../../src/chat/index.js';
import { renderDiscordSources } from '../../src/discord/render-sources.js';
import { renderSlackSources } from '../../src/slack/render-sources.js';
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

describe('a source a curator added from the chat, in the sources list', () => {
  const [document] = generatedDocuments(1);
  const added = {
    ...(document as NonNullable<typeof document>),
    meta: {
      ...(document as NonNullable<typeof document>).meta,
      added: { by: 'slack:U0CURATOR', at: '2026-12-04T16:00:00.000Z' },
    },
  };

  it('keeps who added it and when', () => {
    expect(listSources([added])[0]?.added).toEqual({ by: 'slack:U0CURATOR', at: '2026-12-04T16:00:00.000Z' });
  });

  it('shows it with the source id on Slack and on Discord, pinging nobody', () => {
    const slack = JSON.stringify(renderSlackSources(listSources([added]), 1, (page) => `sources ${page}`));
    const discord = renderDiscordSources(listSources([added]), 1).content;
    for (const text of [slack, discord.replace(/\\/g, '')]) {
      expect(text).toContain(CHAT_MESSAGES.addedBy('slack:U0CURATOR', '2026-12-04T16:00:00.000Z'));
      expect(text).toContain('generated-0000');
      expect(text).not.toContain('<@');
    }
    expect(CHAT_MESSAGES.addedBy('slack:U0CURATOR', '2026-12-04T16:00:00.000Z')).toBe(
      'added by U0CURATOR (Slack) on 2026-12-04',
    );
  });
});

import type { types } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/slack/action-values.js';
import type { Database, StoreRecorder } from '../../src/store/index.js';
import { memoryStore } from '../helpers/memory-store.js';
import { researchEngine } from '../helpers/research-engine.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import { buttonClick, postAction, postSlashCommand } from '../helpers/slack-signing.js';

let app: HttpSlackApp;
let db: Database;
let recorder: StoreRecorder;

beforeAll(async () => {
  ({ db, recorder } = await memoryStore('slack-store-test-salt-0123'));
  app = await startHttpSlackApp(await researchEngine(), {}, undefined, { recorder });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function command(text: string, id: string) {
  await postSlashCommand(app.eventsUrl, { text, response_url: app.fake.responseUrl(id) });
  const [reply] = await app.fake.waitFor(() => {
    const found = app.fake.responsesTo(id);
    return found.length > 0 ? found : undefined;
  });
  return reply?.body ?? {};
}

describe('slack answers and votes reach the curator store', () => {
  it('stores answers and abstentions, and a 👎 joined to its answer, never the user id itself', async () => {
    const body = await command('who pays for tutoring?', 'stored');
    await command('what is the weather on Mars?', 'abstained');
    const actions = ((body.blocks ?? []) as types.KnownBlock[]).find(
      (block): block is types.ActionsBlock =>
        block.type === 'actions' && block.block_id === 'research_answer_actions',
    );
    const down = actions?.elements.find(
      (element) => 'action_id' in element && element.action_id === ACTION_IDS.feedbackDown,
    );
    await postAction(
      app.eventsUrl,
      buttonClick({
        actionId: ACTION_IDS.feedbackDown,
        value: (down as types.Button).value ?? '',
        responseUrl: app.fake.responseUrl('voted'),
        message: { type: 'message', ts: '1700000000.000100', text: body.text, blocks: body.blocks },
      }),
    );
    await app.fake.waitFor(() => app.fake.responsesTo('voted')[0]);
    await recorder.flush();
    const answers = await db.all<{ id: string; question: string; status: string; user_hash: string }>(
      'SELECT id, question, status, user_hash FROM answers ORDER BY asked_at',
    );
    expect(answers.map(({ question, status }) => ({ question, status }))).toEqual([
      { question: 'who pays for tutoring?', status: 'answered' },
      { question: 'what is the weather on Mars?', status: 'not_covered' },
    ]);
    const votes = await db.all<{ answer_id: string; vote: string }>('SELECT answer_id, vote FROM votes');
    expect(votes).toEqual([{ answer_id: answers[0]?.id, vote: 'down' }]);
    expect(JSON.stringify(answers)).not.toContain('U0ASKER');
  });
});

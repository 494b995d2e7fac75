import type { PlatformAdapter } from '../../src/adapter.js';
import type { QuestionAnswerer } from '../../src/answer/index.js';
import type { DiscordDeps } from '../../src/discord/adapter.js';
import { createDiscordAdapter, type DiscordOptions, unescapeDiscord } from '../../src/discord/index.js';
import { FakeDiscord, type FakeDiscordOptions, type RestCall } from './discord-fake.js';
import { captureLogger } from './slack-harness.js';

/** A token shaped like a real one; tests check it never reaches a log line. */
export const TEST_DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.FakeTs.never-logged-secret-part';

/** What the bot sent in one message or interaction response, as Discord receives it. */
export interface SentBody {
  content?: string;
  embeds?: Array<{ description?: string; title?: string; fields?: unknown[] }>;
  allowed_mentions?: { parse?: unknown[]; replied_user?: boolean };
  components?: Array<{
    type: number;
    components: Array<{
      type: number;
      custom_id?: string;
      options?: Array<{ label: string; value: string }>;
    }>;
  }>;
  message_reference?: { message_id?: string };
  flags?: number;
}

export interface DiscordBot {
  fake: FakeDiscord;
  adapter: PlatformAdapter;
  log: ReturnType<typeof captureLogger>;
  /** Messages the bot posted as replies to the message `id` (first one first). */
  repliesTo(id: string): SentBody[];
  /** Waits for the first reply to `id`. */
  waitForReply(id: string, timeoutMs?: number): Promise<SentBody>;
  /** Interaction callbacks (POST /interactions/:id/:token/callback) for interaction `id`. */
  callbacksFor(id: string): RestCall[];
  close(): Promise<void>;
}

/** A started adapter connected through real discord.js to a fresh fake Discord. */
export async function startDiscordBot(
  answerer: QuestionAnswerer,
  options: Partial<DiscordOptions> = {},
  fakeOptions: FakeDiscordOptions = {},
  deps: Partial<Omit<DiscordDeps, 'answerer' | 'logger'>> = {},
): Promise<DiscordBot> {
  const fake = await FakeDiscord.start(fakeOptions);
  const log = captureLogger();
  const adapter = createDiscordAdapter(
    { token: TEST_DISCORD_TOKEN, apiUrl: fake.apiUrl, ...options },
    { answerer, logger: log.logger, ...deps },
  );
  try {
    await adapter.start();
  } catch (error) {
    await adapter.stop(0);
    await fake.close();
    throw error;
  }
  const repliesTo = (id: string) =>
    fake
      .postedMessages()
      .map((call) => call.body as SentBody)
      .filter((body) => body.message_reference?.message_id === id);
  return {
    fake,
    adapter,
    log,
    repliesTo,
    waitForReply: (id, timeoutMs) => fake.waitFor(() => repliesTo(id)[0], timeoutMs),
    callbacksFor: (id) => fake.callsTo('POST', new RegExp(`^/v10/interactions/${id}/[^/]+/callback$`)),
    async close() {
      await adapter.stop(1000);
      await fake.close();
    },
  };
}

/** Everything a reader sees in a sent message (content and embed text), escapes removed. */
export function visibleText(body: SentBody | undefined): string {
  if (!body) return '';
  const parts = [body.content ?? ''];
  for (const embed of body.embeds ?? []) parts.push(embed.title ?? '', embed.description ?? '');
  return unescapeDiscord(parts.join('\n'));
}

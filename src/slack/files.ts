import type { ChatFile } from '../chat/index.js';

/** Where Slack serves files from; the bot token is sent nowhere else. */
const SLACK_FILE_HOST = 'files.slack.com';

/** A file as Slack describes it in a message event. */
export interface SlackFile {
  name?: string | null;
  title?: string | null;
  url_private_download?: string | null;
  url_private?: string | null;
}

/**
 * The files of a message as the conversation takes them: downloaded with the bot token (Slack's
 * `files:read` scope), and only from Slack's file host, or from the Web API's host when
 * `apiUrl` points elsewhere (a proxy, or the local fake in tests). Others are left out.
 */
export function slackFiles(
  files: readonly SlackFile[] | undefined,
  botToken: string,
  apiUrl?: string,
): ChatFile[] {
  const hosts = new Set([SLACK_FILE_HOST, ...(apiUrl ? [new URL(apiUrl).host] : [])]);
  return (files ?? []).flatMap((file) => {
    const url = file.url_private_download ?? file.url_private;
    if (!url || !URL.canParse(url) || !hosts.has(new URL(url).host)) return [];
    return [
      {
        name: file.name ?? file.title ?? 'attachment',
        url,
        headers: { authorization: `Bearer ${botToken}` },
      },
    ];
  });
}

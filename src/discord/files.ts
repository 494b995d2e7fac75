import type { Attachment, Collection } from 'discord.js';
import type { ChatFile } from '../chat/index.js';

/** Where Discord serves attachments from. */
const DISCORD_FILE_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];

/**
 * A message's attachments as the conversation takes them: only from Discord's own file hosts,
 * or from the REST API's host when `apiUrl` points elsewhere (a proxy, or the local fake in
 * tests). Others are left out.
 */
export function discordFiles(attachments: Collection<string, Attachment>, apiUrl?: string): ChatFile[] {
  const hosts = new Set([...DISCORD_FILE_HOSTS, ...(apiUrl ? [new URL(apiUrl).host] : [])]);
  return [...attachments.values()].flatMap((attachment) =>
    URL.canParse(attachment.url) && hosts.has(new URL(attachment.url).host)
      ? [{ name: attachment.name, url: attachment.url }]
      : [],
  );
}

/** The role ids of a member as discord.js gives them: a role manager, or the raw id list. */
export function memberRoles(member: unknown): string[] {
  if (!member || typeof member !== 'object' || !('roles' in member)) return [];
  const roles = (member as { roles: unknown }).roles;
  if (Array.isArray(roles)) return roles.filter((role): role is string => typeof role === 'string');
  const cache = (roles as { cache?: Map<string, unknown> } | null)?.cache;
  return cache ? [...cache.keys()] : [];
}

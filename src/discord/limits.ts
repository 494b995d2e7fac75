/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = Object.freeze({
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldValue: 1024,
  footerText: 2048,
  /** All titles, descriptions, fields and footers of one message's embeds together. */
  embedTotal: 6000,
});

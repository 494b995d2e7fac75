/**
 * The image's entrypoint: `ask`, `add`, `check-knowledge`, `eval` and `report` run the command line; anything
 * else (no arguments, or `start`) runs the bot. Node runs this directly, so signals reach it.
 */
const CLI_COMMANDS = new Set([
  'ask',
  'add',
  'check-knowledge',
  'eval',
  'import',
  'export',
  'report',
  'help',
  '--help',
  '-h',
]);

const [command] = process.argv.slice(2);
if (command !== undefined && CLI_COMMANDS.has(command)) {
  await import('./cli.js');
} else {
  if (command === 'start') process.argv.splice(2, 1);
  await import('./index.js');
}

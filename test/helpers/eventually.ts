/**
 * Polls `check` every `everyMs` until it holds (true) or `withinMs` pass (false): for what another
 * process or connection does in its own time, such as a replica hearing of a change.
 */
export async function eventually(
  withinMs: number,
  check: () => Promise<boolean>,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}

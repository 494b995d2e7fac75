import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/bot-process.js';

interface ComposeService {
  env_file?: string | Array<string | { path: string; required?: boolean }>;
  environment?: Record<string, string | number>;
  ports?: string[];
}

/** Compose's `${NAME:-default}` / `${NAME}` interpolation, from the project's .env and the shell. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_whole, name: string, fallback = '') =>
    variables[name] ? (variables[name] as string) : fallback,
  );
}

function dotenv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1] as string, (match[2] as string).trim()]),
  );
}

/**
 * What Compose would run with a given .env: the container's environment (env_file, then
 * `environment` on top, as Compose merges them) and the published port mappings.
 */
async function composeWith(envText: string) {
  const compose = parse(await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  const service = compose.services['research-bot'] as ComposeService;
  const env = dotenv(envText);
  const containerEnv = {
    ...env,
    ...Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)])),
  };
  const ports = (service.ports ?? []).map((mapping) => {
    const [host, container] = interpolate(mapping, env).split(':');
    return { host: Number(host), container: Number(container) };
  });
  return { service, containerEnv, ports };
}

describe('docker compose ports', () => {
  it.each([
    ['no PORT at all', ''],
    ['PORT=8080 in .env (the app must not follow it inside the container)', 'PORT=8080\n'],
    ['HOST_PORT=8080 and PORT=8080 in .env', 'HOST_PORT=8080\nPORT=8080\n'],
  ])('publishes the port the bot listens on inside the container, with %s', async (_case, envText) => {
    const { service, containerEnv, ports } = await composeWith(envText);
    // .env is read when it exists, and its absence does not stop `docker compose up`.
    expect(service.env_file).toEqual([{ path: '.env', required: false }]);
    const listening = Number(containerEnv.PORT ?? 3000);
    expect(listening).toBe(3000);
    expect(ports).toHaveLength(1);
    expect(ports[0]?.container).toBe(listening);
  });

  it('lets HOST_PORT choose the port on the host, and only that', async () => {
    expect((await composeWith('HOST_PORT=8080\n')).ports).toEqual([{ host: 8080, container: 3000 }]);
    expect((await composeWith('PORT=8080\n')).ports).toEqual([{ host: 3000, container: 3000 }]);
  });
});

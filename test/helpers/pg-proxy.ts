import net from 'node:net';

/**
 * A TCP proxy in front of the test PostgreSQL server that can be cut off and brought back, to
 * show what the bot does while its database is away. `url` is `base` pointed at the proxy.
 */
export interface PostgresProxy {
  url: string;
  /** Drops every connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function postgresProxy(base: string): Promise<PostgresProxy> {
  const target = new URL(base);
  const socketDir = target.searchParams.get('host');
  const port = Number(target.searchParams.get('port') ?? target.port ?? 5432) || 5432;
  const connectTarget = (): net.Socket =>
    socketDir?.startsWith('/')
      ? net.connect({ path: `${socketDir}/.s.PGSQL.${port}` })
      : net.connect({ host: target.hostname || 'localhost', port });
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let listenPort = 0;

  const start = () =>
    new Promise<void>((resolve) => {
      const listening = net.createServer((client) => {
        const upstream = connectTarget();
        sockets.add(client);
        sockets.add(upstream);
        client.pipe(upstream).pipe(client);
        const end = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      });
      server = listening;
      listening.listen(listenPort, '127.0.0.1', () => {
        listenPort = (listening.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  await start();
  const url = new URL(base);
  url.searchParams.delete('host');
  url.searchParams.delete('port');
  url.host = `127.0.0.1:${listenPort}`;
  return { url: url.toString(), cut: stop, restore: start, close: stop };
}

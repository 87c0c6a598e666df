import { ConfigError, loadConfig, secretValues, type Config } from './config.ts';
import { browsableUrl, printBanner } from './banner.ts';
import { createApiServer } from './api/server.ts';
import { buildApp } from './app/app.ts';
import { startSurfaces, stopSurfaces } from './app/surfaces.ts';
import { createLogger, type Logger } from './logger.ts';

/** How long shutdown may take before the process gives up waiting and exits 1. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nFix them in .env or the environment (.env.example documents each one) and start again.\n`);
      process.exit(2);
    }
    throw err;
  }
}

let logger: Logger | undefined;

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretValues(config) });
  logger = log;
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));

  const app = await buildApp(config, log, { speech: true });
  const api = await createApiServer({
    engine: app.engine,
    kv: app.kv,
    logger: log,
    config,
    modeNotes: app.modeNotes,
    healthSources: app.health,
    ...(app.speech ? { speech: app.speech } : {}),
    ...(app.customize ? { documents: app.customize.documents } : {}),
  });
  const surfaces = await startSurfaces({ app, http: api });
  const addr = await api.listen({ port: config.PORT, host: config.HOST });
  log.info({ port: addr.port, host: addr.host, store: app.kv.kind, mode: app.modeNotes() }, 'listening');
  const health = async () => (await api.app.inject({ method: 'GET', url: '/health' })).json();
  await printBanner(process.stdout, { baseUrl: browsableUrl(addr.host, addr.port), store: config.STORE_URL.replace(/\/\/[^/@]*@/, '//***@'), health });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing turns in flight');
    const force = setTimeout(() => {
      log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      // From here new turns are refused with a safe 503; turns already inside the engine finish.
      const drained = app.engine.drain();
      // Stops listening and waits for requests in flight (their turns included).
      await Promise.all([api.close({ drainMs: 2_000 }), stopSurfaces(surfaces, log)]);
      await drained;
      await app.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // The logger scrubs secrets; before it exists, only the error's name and message are printed.
  if (logger) logger.fatal({ err }, 'failed to start');
  else process.stderr.write(`failed to start: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
  process.exit(1);
});

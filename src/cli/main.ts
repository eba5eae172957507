import { classifyCommand, evalCommand, trainCommand, validateCommand } from '../../classifiers/cli';
import type { Stop } from '../channels/channel';
import { loadConfig } from '../config';
import type { AppContext } from '../context';
import { geoCommand, geocodeCommand } from '../geo/cli';
import { buildContext, startWeb, startWorkers } from '../runtime';
import { tokenAdminCommand, userCommand } from '../staff/cli';
import { migrate } from '../storage/migrate';
import { openDatabase } from '../storage/open-database';
import { createToken } from '../storage/tokens-repo';
import { tryPageOn } from '../try';
import { backupCommand } from './backup-command';
import { catalogCommand } from './catalog-command';
import { configCommand } from './config-command';
import { simulateChoices, simulateCommand } from './simulate';

const USAGE = `usage: intake311 <command>
  serve                                   run the HTTP service (and, without REDIS_URL, the workers)
  work                                    run the queue workers (publishing, transcription, polling)
  migrate [--reapply]                     apply database migrations; --reapply re-runs every function file
  backup --out FILE                       write the embedded database (DATA_DIR) to FILE; stop serve first
  restore --from FILE [--replace]         load such a file into DATA_DIR (--replace keeps the old one aside)
  token create --name NAME --scope staff|open311
                                          print a new API token once (only its hash is stored)
  token list | token revoke --id ID       list API tokens (never their secrets), revoke one at once
  user create --email E --name N --role agent|supervisor|admin [--department D]
                                          a staff account; prints a one-time sign-in link
  user list | user disable --email E      staff accounts; disabling ends their sessions at once
  train [--data FILE.csv] [--out MODEL]   train the category classifier
  eval --data FILE.csv [--json]           measure the classifier on labelled text
  classify "TEXT" [--json]                suggest categories for a text
  validate                                measure the classifier on cities held out of training
  ${`simulate ${simulateChoices()} [--from ADDR]`.padEnd(38)}  talk to a running service as a resident would
  geocode "TEXT" [--json]                 find the place a text names (best candidate and alternatives)
  geocode --reverse LAT,LON [--json]      the nearest address, and whether the point is inside the city
  geo import --addresses FILE --out DIR   build a city's geodata bundle (see README, "Geocoding")
  config reference [--out FILE] [--check] the configuration reference (docs/configuration.md)
  catalog validate [FILE]                 check a city's service catalog (default: CATALOG_PATH)`;

const out = (line: string) => process.stdout.write(`${line}\n`);

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Keeps a process running until SIGINT/SIGTERM, then stops its work and closes the queue and database cleanly. */
function runUntilSignal(ctx: AppContext, stop: Stop): number {
  const handler = () => {
    void stop()
      .then(() => ctx.queue.close())
      .then(() => ctx.limits.close())
      .then(() => ctx.db.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return -1;
}

async function tokenCreate(args: string[]): Promise<number> {
  const name = flag(args, '--name');
  const scope = flag(args, '--scope');
  if (!name) return fail('token create: --name NAME is required');
  if (scope !== 'staff' && scope !== 'open311') return fail('token create: --scope must be staff or open311');
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    out(await createToken(db, name, scope));
    process.stderr.write(`token "${name}" (${scope}) created; it is shown only this once.\n`);
    return 0;
  } finally {
    await db.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve': {
      const ctx = await buildContext(loadConfig());
      const { stop } = await startWeb(ctx, ctx.channels);
      const mode = `${ctx.db.kind === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'}, ${ctx.queue.kind === 'memory' ? 'in-process queue' : 'Redis queue'}`;
      ctx.log.info({ url: ctx.config.publicBaseUrl, port: ctx.config.port }, 'intake311 listening');
      const tryIt = tryPageOn(ctx.config, ctx.channels) ? `; try it at ${ctx.config.publicBaseUrl}/try` : '';
      out(`intake311 is running at ${ctx.config.publicBaseUrl}/ (${mode})${tryIt}`);
      return runUntilSignal(ctx, stop);
    }
    case 'work': {
      const ctx = await buildContext(loadConfig());
      const stop = await startWorkers(ctx, ctx.channels);
      ctx.log.info({ queue: ctx.queue.kind }, 'intake311 worker running');
      return runUntilSignal(ctx, stop);
    }
    case 'backup':
    case 'restore':
      return backupCommand(command, args, out);
    case 'migrate': {
      const config = loadConfig();
      // A migration may build an index on a big table for minutes: the request-sized statement timeout is not for it.
      const db = await openDatabase({ ...config, database: { ...config.database, statementTimeoutMs: 0 } });
      try {
        const applied = await migrate(db, undefined, { reapply: args.includes('--reapply') });
        out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'token':
      if (args[0] === 'list' || args[0] === 'revoke') return tokenAdminCommand(args, out);
      if (args[0] !== 'create') return fail('usage: intake311 token create --name NAME --scope staff|open311');
      return tokenCreate(args.slice(1));
    case 'user':
      return userCommand(args, out);
    case 'train':
      return trainCommand(args, out);
    case 'eval':
      return evalCommand(args, out);
    case 'classify':
      return classifyCommand(args, out);
    case 'validate':
      return validateCommand(args, out);
    case 'simulate':
      return simulateCommand(args, out);
    case 'geocode':
      return geocodeCommand(args, out);
    case 'geo':
      return geoCommand(args, out);
    case 'config':
      return configCommand(args, out);
    case 'catalog':
      return catalogCommand(args, out);
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return command ? 0 : 2;
    default:
      return fail(`unknown command "${command}"\n${USAGE}`);
  }
}

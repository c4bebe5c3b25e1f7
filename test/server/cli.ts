/**
 * Runs the local LaunchDarkly-compatible API server standalone.
 *
 *   node --import tsx test/server/cli.ts [--port 0] [--token api-…] [--now <epoch ms>] [--dataset clean|messy|workspace]
 *
 * Prints one JSON line {"url":…,"token":…} to stdout once listening, then serves until
 * SIGINT or SIGTERM, closes every socket and exits 0.
 */
import { DATASET_NAMES, isDatasetName, type DatasetName } from './datasets.js';
import { DEMO_TOKEN, startLdApiServer } from './ldApiServer.js';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: cli.ts [--port N] [--token TOKEN] [--now EPOCH_MS] [--dataset ${DATASET_NAMES.join('|')}]\n`);
  process.exit(2);
}

interface Args {
  port: number;
  token: string;
  now?: number;
  dataset?: DatasetName;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { port: 0, token: DEMO_TOKEN };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) usage(`missing value for ${name}`);
    switch (name) {
      case '--port': {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid port: ${value}`);
        out.port = port;
        break;
      }
      case '--token':
        if (value.length === 0) usage('empty token');
        out.token = value;
        break;
      case '--now': {
        const now = Number(value);
        if (!Number.isSafeInteger(now) || now < 0) usage(`invalid --now: ${value}`);
        out.now = now;
        break;
      }
      case '--dataset':
        if (!isDatasetName(value)) usage(`invalid --dataset: ${value}`);
        out.dataset = value;
        break;
      default:
        usage(`unknown argument: ${arg}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const fixedNow = args.now;
  const server = await startLdApiServer({
    port: args.port,
    token: args.token,
    dataset: args.dataset,
    ...(fixedNow === undefined ? {} : { now: () => fixedNow }),
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`ldApiServer: ${signal}, closing\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`${JSON.stringify({ url: server.url, token: server.token })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ldApiServer: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

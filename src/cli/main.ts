import { isMainThread } from 'node:worker_threads';
import { printable } from '../core/report/formats';
import { parseArgs, UsageError, USAGE, type Args } from './args';
import { runMerge } from './merge';
import { runPairs } from './pairs';
import { runReport, TOOL } from './report';
import { serveWorker } from './worker';

// One line each, whatever characters a file name brings.
const log = (line: string) => process.stderr.write(`mask-inspector: ${printable(line)}\n`);

async function main(): Promise<number> {
  try {
    return await run(parseArgs(process.argv.slice(2)));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    log(e.message);
    process.stderr.write(`\n${USAGE}\n`);
    return 2;
  }
}

async function run(args: Args): Promise<number> {
  switch (args.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${TOOL.name} ${TOOL.version}\n`);
      return 0;
    case 'pairs':
      return runPairs(args, (t) => process.stdout.write(t), log);
    case 'report':
      return runReport(args, __filename, log);
    case 'merge':
      return runMerge(args, log);
  }
}

if (isMainThread) {
  // The reader went away (`| head -1`): stop quietly with the code of a process ended by SIGPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') log(e.message);
    process.exit(e.code === 'EPIPE' ? 141 : 1);
  });
  process.stderr.on('error', () => {});
  main().then(
    (code) => (process.exitCode = code),
    // Never a stack trace: one line, exit 1.
    (e: unknown) => {
      log(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    },
  );
} else serveWorker();

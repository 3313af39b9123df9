import { isMainThread } from 'node:worker_threads';
import { parseArgs, UsageError, USAGE } from './args';
import { runPairs } from './pairs';
import { runReport, TOOL } from './report';
import { serveWorker } from './worker';

const log = (line: string) => process.stderr.write(`mask-inspector: ${line}\n`);

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    log(e.message);
    process.stderr.write(`\n${USAGE}\n`);
    return 2;
  }
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
  }
}

if (isMainThread) {
  main().then(
    (code) => (process.exitCode = code),
    // Never a stack trace: one line, exit 1.
    (e: unknown) => {
      log(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    },
  );
} else serveWorker();

import { abortPendingOutputs } from './output';

const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGINT/SIGTERM during a report: the first stops dispatching pairs (the abort signal) so the report can
 * be ended well-formed and marked interrupted; a second one exits at once, removing any temp --out file.
 * `dispose` restores the default behaviour.
 */
export function onInterrupt(): { signal: AbortSignal; received: () => NodeJS.Signals | undefined; exitCode: () => number; dispose: () => void } {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals) => {
    if (received) {
      abortPendingOutputs();
      process.exit(EXIT_CODES[sig] ?? 1);
    }
    received = sig;
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received ? EXIT_CODES[received] ?? 1 : 0),
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

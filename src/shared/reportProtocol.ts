/**
 * Every message between the extension host and the loss report webview, and each side's end of their
 * channel (src/shared/channel.ts). The page only asks; the host sends it nothing (each render replaces
 * the page), and trusts nothing it has not checked.
 */
import { Channel, type Endpoint } from './channel';

export const EXPORT_FORMATS = ['csv', 'json', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type FromReport =
  | { type: 'export'; format: ExportFormat }
  /** Open the comparison of the pair at this index of the report's pairs. */
  | { type: 'open'; index: number }
  /** Compute the report again with the current settings (it said it is out of date). */
  | { type: 'rerun' };

/** Nothing: the host renders the page anew instead. */
export type ToReport = never;

export function parseFromReport(msg: unknown): FromReport | undefined {
  if (typeof msg !== 'object' || msg === null) return undefined;
  const m = msg as Record<string, unknown>;
  if (m.type === 'export' && (EXPORT_FORMATS as readonly unknown[]).includes(m.format)) return { type: 'export', format: m.format as ExportFormat };
  if (m.type === 'open' && Number.isInteger(m.index) && (m.index as number) >= 0) return { type: 'open', index: m.index as number };
  if (m.type === 'rerun') return { type: 'rerun' };
  return undefined;
}

export type ReportHostChannel = Channel<ToReport, FromReport>;
export type ReportPageChannel = Channel<FromReport, ToReport>;

export const reportHostChannel = (webview: Endpoint<ToReport>): ReportHostChannel => new Channel(webview, { parse: parseFromReport });
/** The page receives nothing. */
export const reportPageChannel = (host: Endpoint<FromReport>): ReportPageChannel => new Channel<FromReport, ToReport>(host, { parse: () => undefined });

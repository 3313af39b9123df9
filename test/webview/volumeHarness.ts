/** Sending a volume pair to the slice viewer in the test page (the harness's `send` encodes image pairs only). */
import type { Page } from 'playwright-core';
import { DEFAULT_VIEW_OPTIONS, type VolumePayload } from '../../src/shared/protocol';

/** Sends `loadVolume`, its ArrayBuffers crossing as base64, and waits for `ready` (a selector) to appear. */
export async function sendVolume(page: Page, volume: VolumePayload, ready: string): Promise<void> {
  const b64 = (b: ArrayBuffer | undefined) => b && Buffer.from(b).toString('base64');
  const encoded = { ...volume, labels: b64(volume.labels), predicted: b64(volume.predicted), prob: b64(volume.prob) };
  await page.evaluate(
    ([v, options]) => {
      const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;
      const vol = { ...v, labels: fromB64(v.labels as string), predicted: fromB64(v.predicted as string), prob: v.prob ? fromB64(v.prob as string) : undefined };
      (window as unknown as { __post(m: unknown): void }).__post({ type: 'loadVolume', requestId: 1, volume: vol, options });
    },
    [encoded, DEFAULT_VIEW_OPTIONS] as const,
  );
  await page.waitForSelector(ready);
}

// A lighter window.api transport for measurements: results cross from the core to the page as one JSON string and
// are parsed in the page. The harness's own binding hands over object graphs, which Playwright serialises value by
// value; for a 10k-entry import report that cost the page ~300 ms of CPU, several times what Electron's structured
// clone costs, and that time is the harness's, not the app's. JSON.parse in the page is in the same range as a
// structured clone (both measured by the import-frames benchmark).
import type { Page } from 'playwright-core';
import type { Harness } from './harness';

/** Routes the page's window.api calls through a binding that returns JSON text; call once per page. */
export async function useJsonTransport(harness: Harness, page: Page): Promise<void> {
  await page.context().exposeBinding('__engramInvokeJson', async (_source, channel: string, payload: unknown) => {
    const handler = (harness.handlers as Record<string, ((p: unknown) => Promise<unknown>) | undefined>)[channel];
    const result = handler ? await handler(payload) : { ok: false, error: { code: 'INVALID_REQUEST', message: `Unknown channel ${channel}` } };
    return JSON.stringify(result);
  });
  await page.evaluate(() => {
    const w = window as unknown as { __engramInvoke: (channel: string, payload: unknown) => Promise<unknown>; __engramInvokeJson: (channel: string, payload: unknown) => Promise<string> };
    w.__engramInvoke = async (channel, payload) => JSON.parse(await w.__engramInvokeJson(channel, payload)) as unknown;
  });
}

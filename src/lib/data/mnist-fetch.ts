import { parseMnist, type MnistSet } from './mnist';

/**
 * Loads the MNIST digits over HTTP, for the browser and Web Workers. The app serves the file
 * built by `npm run gen` at `<base>/data/mnist-10k.bin`; the caller passes that URL (it knows
 * the base path, this module does not).
 */

/**
 * Downloads and decodes mnist-10k.bin. Every failure (network, HTTP status, bad bytes) becomes an
 * Error whose message says what went wrong and where. `fetchFn` is replaceable for tests.
 */
export async function loadMnistFetch(url: string | URL, fetchFn: typeof fetch = fetch): Promise<MnistSet> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (cause) {
    throw new Error(`Could not download the MNIST digits from ${String(url)}: ${describe(cause)}`, { cause });
  }
  if (!response.ok) {
    throw new Error(
      `Could not download the MNIST digits from ${String(url)}: HTTP ${response.status} ${response.statusText}`.trim() +
        (response.status === 404 ? ' (was the data built with `npm run gen`?)' : '')
    );
  }
  let buf: ArrayBuffer;
  try {
    buf = await response.arrayBuffer();
  } catch (cause) {
    throw new Error(`Download of the MNIST digits from ${String(url)} was interrupted: ${describe(cause)}`, { cause });
  }
  return parseMnist(buf);
}

/** The message of an unknown thrown value. */
function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

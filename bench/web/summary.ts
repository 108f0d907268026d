// Pure helpers of the web benchmark: medians, the targets, and the printed table. Kept apart from the
// browser driving (measure.ts) so they can be unit-tested without Chromium.

/** One page load as measured in Chromium. */
export interface LoadSample {
  /** Sum of the gzipped sizes of every JavaScript response on first load, in bytes. */
  jsGzipBytes: number;
  /** Sum of the uncompressed sizes of those responses, in bytes. */
  jsRawBytes: number;
  /** How many JavaScript files first load fetched. */
  jsFiles: number;
  /** Gzipped size of the HTML document (prerendered prose and formulas: parse and layout cost), bytes. */
  htmlGzipBytes: number;
  /** Sum of the gzipped sizes of the stylesheets (render-blocking, so they bear on paint times), bytes. */
  cssGzipBytes: number;
  /** Sum of the sizes of the font files (WOFF2, already compressed), bytes. */
  fontBytes: number;
  /** Time to the first byte of the HTML, ms since navigation start (how much of the paint time is server). */
  ttfbMs: number;
  /** First contentful paint, ms since navigation start. */
  fcpMs: number;
  /** Largest contentful paint (last candidate before we stopped observing), ms since navigation start. */
  lcpMs: number;
}

/** The budgets the lesson promises: first-load JavaScript and largest contentful paint. */
export const TARGETS = {
  /** At most 60 kB of gzipped JavaScript before any interactive example loads (1 kB = 1000 bytes). */
  jsGzipBytes: 60_000,
  /** Largest contentful paint within 500 ms on a local server. */
  lcpMs: 500,
  /** No main-thread task of this many ms or more (wall time) from a live example's mount to its first result. */
  longTaskMs: 50
};

/**
 * Median of the finite values (mean of the middle two for an even count); NaN when there are none.
 * A load where Chromium reported no paint entry is left out rather than poisoning the sort.
 */
export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of every field over the samples. */
export function summarise(samples: LoadSample[]): LoadSample {
  const keys = Object.keys(samples[0] ?? {}) as (keyof LoadSample)[];
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((s) => s[key]))])) as unknown as LoadSample;
}

/** Whether the medians meet each target. */
export function verdicts(summary: LoadSample): { jsGzip: boolean; lcp: boolean } {
  return { jsGzip: summary.jsGzipBytes <= TARGETS.jsGzipBytes, lcp: summary.lcpMs <= TARGETS.lcpMs };
}

/** The result table as text: metric, median over the runs, target, and ok / OVER. */
export function formatTable(summary: LoadSample, runs: number): string {
  const ok = verdicts(summary);
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const ms = (t: number) => `${Math.round(t)} ms`;
  const rows: [string, string, string, string][] = [
    ['metric', `median of ${runs}`, 'target', ''],
    ['first-load JS (gzip)', kb(summary.jsGzipBytes), `≤ ${kb(TARGETS.jsGzipBytes)}`, ok.jsGzip ? 'ok' : 'OVER'],
    ['first-load JS (raw)', kb(summary.jsRawBytes), '', ''],
    ['JS files', String(summary.jsFiles), '', ''],
    ['HTML (gzip)', kb(summary.htmlGzipBytes), '', ''],
    ['CSS (gzip)', kb(summary.cssGzipBytes), '', ''],
    ['fonts', kb(summary.fontBytes), '', ''],
    ['time to first byte', ms(summary.ttfbMs), '', ''],
    ['first contentful paint', ms(summary.fcpMs), '', ''],
    ['largest contentful paint', ms(summary.lcpMs), `≤ ${ms(TARGETS.lcpMs)}`, ok.lcp ? 'ok' : 'OVER']
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

/**
 * Prints the functions that took the most self time in the main-thread Node CPU profile in a
 * directory (see bench/profile.ts): `npx tsx bench/profile-summary.ts /tmp/prof [top]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Node profile format (the parts we read). */
interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

/** Prints the top self-time functions of the main-thread profile in `dir`. */
function summarize(dir: string, top = 20): void {
  // tsx's loader thread writes a mostly idle profile of its own: take the busiest one.
  const busy = (q: Profile) => {
    const idle = new Set(q.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    return q.samples.filter((s) => !idle.has(s)).length;
  };
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile)
    .sort((a, b) => busy(b) - busy(a));
  if (profiles.length === 0) return;
  const p = profiles[0];
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const s of p.samples) {
    const f = byId.get(s)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = p.samples.length;
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
}

summarize(process.argv[2] ?? '/tmp/prof', Number(process.argv[3] ?? 25));

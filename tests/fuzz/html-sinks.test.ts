// No user-controlled string reaches HTML. Scans every file under src/ for the ways text can
// become markup or code — {@html}, innerHTML/outerHTML, insertAdjacentHTML, document.write, srcdoc, eval,
// new Function, string timers — and allows only the uses listed here, each with why its input is a
// build-time constant. A new use fails this test until someone checks it and adds it to the list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DISPLAY, INLINE } from '../../src/lib/ui/math/formulas';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/** Patterns that turn a string into markup or code. */
const SINKS: [name: string, pattern: RegExp][] = [
  ['{@html}', /\{@html\s/],
  ['innerHTML', /\.innerHTML\b/],
  ['outerHTML', /\.outerHTML\b/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write(ln)?\s*\(/],
  ['srcdoc', /\bsrcdoc\b/],
  // eval(...) as a call; not a method such as the engine's `eval(): this` (PyTorch's model.eval()).
  ['eval', /(^|[^.\w])eval\s*\((?!\)\s*:)/],
  ['new Function', /new\s+Function\s*\(/],
  ['string timer', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ['createContextualFragment', /createContextualFragment/],
  ['DOMParser', /DOMParser/]
];

/**
 * The allowed uses: file, the exact line (trimmed), and why it is safe. Both KaTeX uses insert HTML
 * typeset at build time (katex.server.ts) from the TeX constants in formulas.ts, picked by a typed name.
 */
const ALLOWED = [
  {
    file: 'src/lib/ui/math/Tex.svelte',
    line: '<span class="tex">{@html inlineMath(name)}</span>',
    why: 'KaTeX HTML of INLINE[name], typeset at build time; name is an InlineName (a key of a constant object)'
  },
  {
    file: 'src/lib/ui/math/Formula.svelte',
    line: '{@html displayMath(name)}',
    why: 'KaTeX HTML of DISPLAY[name], typeset at build time; name is a DisplayName (a key of a constant object)'
  },
  {
    file: 'src/lib/ui/lesson/QuizSection.svelte',
    line: '<div class="quiz static-quiz">{@html staticQuiz}</div>',
    why: 'the static quiz built at build time from our own QUESTIONS with every text escaped (quiz-static.ts, fuzzed in tests/ui/quiz-static.test.ts), or a fixed placeholder'
  }
];

/** Every source file under `dir` (TypeScript, JavaScript, Svelte, HTML). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs|svelte|html)$/.test(entry.name) ? [path] : [];
  });
}

/** Line comments and the text of JSDoc/TSDoc lines are prose, not code. */
function isComment(line: string): boolean {
  return /^(\/\/|\*|\/\*|<!--)/.test(line.trim());
}

/** Every sink use under src/: file, line text, sink name. */
function findSinks(): { file: string; line: string; sink: string }[] {
  const found: { file: string; line: string; sink: string }[] = [];
  for (const path of sourceFiles(SRC)) {
    const file = relative(ROOT, path).split('\\').join('/');
    for (const raw of readFileSync(path, 'utf8').split('\n')) {
      if (isComment(raw)) continue;
      for (const [sink, pattern] of SINKS) if (pattern.test(raw)) found.push({ file, line: raw.trim(), sink });
    }
  }
  return found;
}

describe('HTML and code sinks in src/', () => {
  const found = findSinks();

  it('the scanner sees the known uses (so a broken scan cannot pass silently)', () => {
    for (const allowed of ALLOWED)
      expect(found).toContainEqual({ file: allowed.file, line: allowed.line, sink: '{@html}' });
  });

  it('has no use outside the allow-list', () => {
    const unexpected = found.filter((f) => !ALLOWED.some((a) => a.file === f.file && a.line === f.line));
    expect(unexpected).toEqual([]);
  });

  it('the scanner would catch each kind of sink', () => {
    const samples = [
      'el.innerHTML = text;',
      '{@html userText}',
      'node.insertAdjacentHTML("beforeend", s)',
      'document.write(s)',
      'iframe.srcdoc = s',
      'const f = new Function(code)',
      'eval(code)',
      "setTimeout('alert(1)', 0)"
    ];
    for (const s of samples)
      expect(
        SINKS.some(([, p]) => p.test(s)),
        s
      ).toBe(true);
    // ...but not the engine's model.eval(), which is a method named like PyTorch's.
    expect(SINKS.some(([, p]) => p.test('model.eval();'))).toBe(false);
    expect(SINKS.some(([, p]) => p.test('  eval(): this {'))).toBe(false);
  });

  it('the math those uses insert comes only from literal TeX constants', () => {
    // Tex/Formula read the rendered math from context.ts; katex.server.ts fills it from DISPLAY and INLINE only.
    const server = readFileSync(join(SRC, 'lib/ui/math/katex.server.ts'), 'utf8');
    expect(server).toMatch(/typeset\(DISPLAY\[name\], true\)/);
    expect(server).toMatch(/typeset\(INLINE\[name\], false\)/);
    const calls = [...server.matchAll(/(?<!function )typeset\(([^,)]+)/g)].map((m) => m[1]);
    expect(calls.sort()).toEqual(['DISPLAY[name]', 'INLINE[name]']);
    // The constants are String.raw literals with no ${} interpolation: nothing computed goes in.
    const formulas = readFileSync(join(SRC, 'lib/ui/math/formulas.ts'), 'utf8');
    expect(formulas).not.toMatch(/\$\{/);
    for (const tex of [...Object.values(DISPLAY), ...Object.values(INLINE)]) expect(typeof tex).toBe('string');
    // The build-time module hands over exactly renderAllMath()'s result, or null (then a constant placeholder).
    const plugin = readFileSync(join(SRC, 'lib/ui/math/vite-plugin.ts'), 'utf8');
    expect(plugin).toMatch(/export default \$\{JSON\.stringify\(renderAllMath\(\)\)\}/);
    const context = readFileSync(join(SRC, 'lib/ui/math/context.ts'), 'utf8');
    expect(context).toMatch(/math\?\.display\[name\] \?\? KEEP_PRERENDERED/);
    expect(context).toMatch(/math\?\.inline\[name\] \?\? KEEP_PRERENDERED/);
    expect(context).toMatch(/export const KEEP_PRERENDERED = '[^'$`{]*';/);
  });
});

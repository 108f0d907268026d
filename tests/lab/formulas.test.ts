// The lesson's formulas are typeset at build time; a TeX typo must fail here, not on the page.
import { describe, expect, it } from 'vitest';
import { DISPLAY, INLINE } from '../../src/lib/ui/math/formulas';
import { renderAllMath, typeset } from '../../src/lib/ui/math/katex.server';

describe('build-time math', () => {
  it('typesets every display and inline formula, with MathML for screen readers', () => {
    const math = renderAllMath();
    expect(Object.keys(math.display).sort()).toEqual(Object.keys(DISPLAY).sort());
    expect(Object.keys(math.inline).sort()).toEqual(Object.keys(INLINE).sort());
    for (const html of Object.values(math.display)) {
      expect(html).toMatch(/class="katex-display"/);
      expect(html).toMatch(/<math[\s>]/);
    }
    for (const html of Object.values(math.inline)) {
      expect(html).toMatch(/class="katex"/);
      expect(html).not.toMatch(/katex-display/);
    }
  });

  it('fails loudly on broken TeX instead of rendering an error box', () => {
    expect(() => typeset(String.raw`\frac{1}{`, true)).toThrow();
    expect(() => typeset(String.raw`\notacommand`, false)).toThrow();
  });

  it('keeps the formulas the lesson teaches', () => {
    expect(DISPLAY.mask).toContain(String.raw`\operatorname{Bernoulli}(1-p)`);
    expect(DISPLAY.inverted).toContain(String.raw`\frac{m_i\, h_i}{1-p}`);
    expect(DISPLAY.variance).toContain(String.raw`\frac{p}{1-p}\,h^2`);
  });
});

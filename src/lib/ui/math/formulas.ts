/**
 * Every formula on the page, as TeX. These constants are the ONLY input KaTeX ever sees: nothing
 * typed by a reader is typeset, so the rendered HTML can be trusted and inserted with {@html}.
 *
 * They are typeset once, at build time, by katex.server.ts; the browser receives finished HTML
 * and never downloads KaTeX's JavaScript.
 */

/**
 * Display formulas: centred, on their own line, each followed by a legend on the page. Two-part
 * formulas are stacked (aligned/gathered) so that they fit a 360 px phone without scrolling.
 */
export const DISPLAY = {
  coin: String.raw`\mathbb{E}[X] = 1 \cdot 0.5 + 0 \cdot 0.5 = 0.5`,
  neuron: String.raw`\begin{aligned} \mathbb{E}[\tilde h] &= (1-p)\cdot h + p \cdot 0 \\ &= 0.5 \cdot 2.0 = 1.0 \end{aligned}`,
  variance: String.raw`\begin{aligned} \text{no rescaling:}\quad \operatorname{Var}[\tilde h] &= p\,(1-p)\,h^2 \\ \text{inverted:}\quad \operatorname{Var}\!\left[\frac{\tilde h}{1-p}\right] &= \frac{p}{1-p}\,h^2 \end{aligned}`,
  mask: String.raw`\tilde h_i = m_i \, h_i, \qquad m_i \sim \operatorname{Bernoulli}(1-p)`,
  ensemble: String.raw`\underbrace{2 \times 2 \times \cdots \times 2}_{n\ \text{units}} = 2^{n}\ \text{thinned networks}`,
  monteCarlo: String.raw`\hat y(x) \approx \frac{1}{k} \sum_{j=1}^{k} f\!\left(x;\, m^{(j)}\right)`,
  classic: String.raw`\begin{aligned} \text{training:}\quad \tilde h_i &= m_i\, h_i \\ \text{test:}\quad h_i^{\text{test}} &= (1-p)\, h_i \end{aligned}`,
  inverted: String.raw`\begin{gathered} \tilde h_i = \frac{m_i\, h_i}{1-p} \\ \mathbb{E}[\tilde h_i] = \frac{(1-p)\, h_i}{1-p} = h_i \end{gathered}`
} as const;

/** Inline formulas: symbols inside sentences and legends. */
export const INLINE = {
  X: String.raw`X`,
  EX: String.raw`\mathbb{E}[X]`,
  h: String.raw`h`,
  hTilde: String.raw`\tilde h`,
  hi: String.raw`h_i`,
  hiTilde: String.raw`\tilde h_i`,
  hiTest: String.raw`h_i^{\text{test}}`,
  mi: String.raw`m_i`,
  p: String.raw`p`,
  keep: String.raw`1-p`,
  n: String.raw`n`,
  k: String.raw`k`,
  x: String.raw`x`,
  yHat: String.raw`\hat y(x)`,
  f: String.raw`f(x;\, m)`,
  mj: String.raw`m^{(j)}`,
  twoN: String.raw`2^{n}`,
  scaleUp: String.raw`\tfrac{1}{1-p}`,
  huge: String.raw`2^{2048} \approx 3 \times 10^{616}`,
  var: String.raw`\operatorname{Var}`,
  E: String.raw`\mathbb{E}`,
  bern: String.raw`\operatorname{Bernoulli}(1-p)`
} as const;

/** Names of display formulas. */
export type DisplayName = keyof typeof DISPLAY;
/** Names of inline formulas. */
export type InlineName = keyof typeof INLINE;

/** The typeset HTML of every formula, keyed like DISPLAY and INLINE. */
export interface RenderedMath {
  /** Display formulas, as KaTeX HTML (with MathML for screen readers). */
  display: Record<DisplayName, string>;
  /** Inline formulas, as KaTeX HTML. */
  inline: Record<InlineName, string>;
}

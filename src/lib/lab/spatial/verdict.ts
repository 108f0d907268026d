import { KIND_LABEL, type MaskKind } from './model';
import type { RunSummary } from './experiment';

/**
 * The plain-words verdict under the experiment's chart. It reports what THIS run gave — which
 * variant reached the lowest validation loss and the best accuracy, and by how much — and says
 * "too close to call" when the gaps are within what a different seed could change. It never
 * claims the textbook result unless the numbers show it.
 */

/** Validation-loss gaps below this fraction of the loss are treated as noise. */
export const LOSS_TIE = 0.03;
/** Accuracy gaps below this (in [0, 1], i.e. 0.5 percentage points) are treated as noise. */
export const ACCURACY_TIE = 0.005;

/** The verdict: a headline sentence and a detail sentence, plus the winners it is based on. */
export interface Verdict {
  /** One sentence: who generalised best, or that it is too close to call. */
  headline: string;
  /** The numbers behind it, in words. */
  detail: string;
  /** Variant with the lowest best validation loss, or null when the best two are tied. */
  lossWinner: MaskKind | null;
  /** Variant with the highest best validation accuracy, or null when the best two are tied. */
  accuracyWinner: MaskKind | null;
}

const pct = (a: number) => `${(a * 100).toFixed(1)}%`;
const lower = (k: MaskKind) => KIND_LABEL[k].charAt(0).toLowerCase() + KIND_LABEL[k].slice(1);

/** Builds the verdict from the three summaries (any order; runs that diverged are named and left out). */
export function verdict(runs: readonly RunSummary[]): Verdict {
  const ok = runs.filter((r) => r.stopped === null && Number.isFinite(r.bestValLoss));
  const failed = runs.filter((r) => !ok.includes(r)).map((r) => KIND_LABEL[r.kind]);
  const failNote = failed.length
    ? ` (${failed.join(' and ')} stopped early and ${failed.length === 1 ? 'is' : 'are'} left out.)`
    : '';
  if (ok.length < 2) {
    return {
      headline: 'Not enough runs finished to compare the masks.',
      detail: `Start the experiment again.${failNote}`,
      lossWinner: null,
      accuracyWinner: null
    };
  }
  const byLoss = [...ok].sort((a, b) => a.bestValLoss - b.bestValLoss);
  const byAcc = [...ok].sort((a, b) => b.bestValAccuracy - a.bestValAccuracy);
  const lossGap = (byLoss[1].bestValLoss - byLoss[0].bestValLoss) / byLoss[1].bestValLoss;
  const accGap = byAcc[0].bestValAccuracy - byAcc[1].bestValAccuracy;
  const lossWinner = lossGap >= LOSS_TIE ? byLoss[0].kind : null;
  const accuracyWinner = accGap >= ACCURACY_TIE ? byAcc[0].kind : null;

  let headline: string;
  if (lossWinner && lossWinner === accuracyWinner) {
    headline = `${KIND_LABEL[lossWinner]} generalised best in this run: lowest validation loss and highest accuracy.`;
  } else if (lossWinner && accuracyWinner) {
    headline = `Mixed result: ${lower(lossWinner)} reached the lowest validation loss, while ${lower(accuracyWinner)} reached the highest accuracy.`;
  } else if (lossWinner) {
    headline = `${KIND_LABEL[lossWinner]} reached the lowest validation loss; the accuracies are too close to call.`;
  } else if (accuracyWinner) {
    headline = `${KIND_LABEL[accuracyWinner]} reached the highest accuracy; the validation losses are too close to call.`;
  } else if (
    byLoss.length === 3 &&
    (byLoss[2].bestValLoss - byLoss[0].bestValLoss) / byLoss[2].bestValLoss >= LOSS_TIE
  ) {
    // The top two are tied, but the third is clearly behind: say so rather than "all the same".
    const [a, b, c] = byLoss;
    headline = `${KIND_LABEL[a.kind]} and ${lower(b.kind)} tied at the top; ${lower(c.kind)} generalised worse in this run (best validation loss ${c.bestValLoss.toFixed(3)} vs ${a.bestValLoss.toFixed(3)}).`;
  } else {
    headline = 'Too close to call in this run: the three networks ended within noise of each other.';
  }
  const lossText = byLoss.map((r) => `${lower(r.kind)} ${r.bestValLoss.toFixed(3)} (epoch ${r.bestEpoch})`).join(', ');
  const accText = byAcc.map((r) => `${lower(r.kind)} ${pct(r.bestValAccuracy)}`).join(', ');
  const detail = `Best validation loss: ${lossText}. Best validation accuracy: ${accText}.${failNote}`;
  return { headline, detail, lossWinner, accuracyWinner };
}

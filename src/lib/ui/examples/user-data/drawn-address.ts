import { replaceState } from '$app/navigation';
import { DRAWN_URL_KEY, encodeDrawn, type DrawnPoint } from '../../../lab/user-data/drawn';

/**
 * Drawn points travel in the address bar (`pts=`), whichever example they were drawn in: the twin
 * run, the explorer and the ensemble all read them from there, so a link copied afterwards carries
 * them. Replaced in place (no history entry: drawing is not a navigation), other parameters kept;
 * null removes them ("Forget my data").
 */
export function writeDrawnToAddress(points: readonly DrawnPoint[] | null): void {
  const url = new URL(location.href);
  if (points) url.searchParams.set(DRAWN_URL_KEY, encodeDrawn(points));
  else url.searchParams.delete(DRAWN_URL_KEY);
  // The current page with only its query changed: no route to resolve.
  // eslint-disable-next-line svelte/no-navigation-without-resolve
  if (url.href !== location.href) replaceState(url, {});
}

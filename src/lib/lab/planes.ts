/**
 * What the page's components need to know about the 2-D data sets: their names and the square of
 * the plane they live in (for axes, decision maps and scatter plots). The ui layer imports lab
 * only, so lab passes these on from the data layer. Deep paths, not the data index, so a component
 * that only needs a constant pulls no loader code into its chunk.
 */
export { PLANE_EXTENT } from '../data/plane';
export { TWO_D_SETS, type TwoDName } from '../data/two-d';

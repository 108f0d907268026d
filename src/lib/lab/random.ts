/**
 * The engine's seeded random stream, for components that draw something reproducible themselves
 * (e.g. the neuron explorer's "drop at random" masks). The ui layer imports lab only, so lab passes
 * it on from the engine.
 */
export { Random } from '../engine';

import type { Module } from '../module';
import { Random } from '../rng';
import type { Dropout } from './dropout';
import type { Dropout2d } from './dropout2d';
import { DropoutBase } from './dropout-base';
import type { GaussianDropout } from './gaussian-dropout';

/**
 * True for the modules that draw random masks or noise: the subclasses of `DropoutBase`, which
 * holds their `rng` (the engine's only ones are these three).
 */
export function isDropout(m: Module): m is Dropout | Dropout2d | GaussianDropout {
  return m instanceof DropoutBase;
}

/**
 * Gives every dropout module under `model` (including `model` itself) its own generator,
 * `new Random(random.nextUint32())`, visiting the tree depth-first in layer order.
 * Why: every dropout layer starts with the same default seed, so two layers of the same width
 * would drop the same units in lockstep. Seeding from one stream (e.g. `seeds.stream('masks')`)
 * makes them independent of each other, yet the whole run stays reproducible.
 * Returns the number of modules seeded.
 */
export function seedDropout(model: Module, random: Random): number {
  let count = 0;
  const visit = (m: Module): void => {
    if (isDropout(m)) {
      m.rng = new Random(random.nextUint32());
      count++;
    }
    for (const c of m.children()) visit(c);
  };
  visit(model);
  return count;
}

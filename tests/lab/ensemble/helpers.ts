import { Dropout, Linear, ReLU, Sequential, Seeds, Tanh, seedDropout } from '../../../src/lib/engine';

/** A small untrained dropout MLP: `inputs → width → width → outputs`, with the given activation. */
export function smallNet(
  opts: { inputs?: number; width?: number; outputs?: number; p?: number; act?: 'relu' | 'tanh'; seed?: number } = {}
): Sequential {
  const { inputs = 2, width = 5, outputs = 1, p = 0.5, act = 'relu', seed = 3 } = opts;
  const init = new Seeds(seed).stream('init');
  const Act = act === 'relu' ? ReLU : Tanh;
  const model = new Sequential(
    new Linear(inputs, width, { rng: init }),
    new Act(),
    new Dropout(p),
    new Linear(width, width, { rng: init }),
    new Act(),
    new Dropout(p),
    new Linear(width, outputs, { rng: init })
  );
  // Untrained biases are zero; give them values so that every term of the maths is exercised.
  for (const param of model.parameters())
    if (param.name.endsWith('bias')) param.data.forEach((_, i, d) => (d[i] = init.uniform(-0.5, 0.5)));
  seedDropout(model, new Seeds(seed).stream('masks'));
  return model;
}

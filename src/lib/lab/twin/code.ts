import type { TwinConfig } from './config';

/**
 * "Show the code": the current twin run as equivalent PyTorch and Keras programs — the model
 * with its dropout layers, the optimiser and the training loop — so a learner can take the
 * experiment to the tools they will use next. Same architecture, initialisation scheme, loss,
 * optimiser, batch size and epochs; the random numbers differ (other generators), so the curves
 * will look alike, not identical.
 */

/** A number as Python source (0.001, 1e-05, 64). */
function py(v: number): string {
  return Number.isInteger(v) ? String(v) : String(v).replace(/e(-?)(\d)$/, 'e$10$2');
}

/** Output units of the last layer: one logit for two classes, else one per class. */
function outputsOf(config: TwinConfig, classes: number): number {
  return classes === 2 ? 1 : classes;
}

/** What the data lines say for each data source (2-D sets via scikit-learn where it has them). */
function dataLines(config: TwinConfig, lang: 'torch' | 'keras'): string[] {
  const total = config.trainSize + config.valSize;
  const asTensors =
    lang === 'torch'
      ? [
          'X_train, X_val = (torch.tensor(a, dtype=torch.float32) for a in (X_train, X_val))',
          'y_train, y_val = (torch.tensor(a, dtype=torch.float32) for a in (y_train, y_val))'
        ]
      : [];
  if (config.data === 'mnist') {
    const load =
      lang === 'torch'
        ? [
            'from torchvision import datasets',
            "mnist = datasets.MNIST('data', train=False, download=True)",
            'X = mnist.data.reshape(-1, 784).float() / 255',
            'y = mnist.targets'
          ]
        : ['(_, _), (X, y) = keras.datasets.mnist.load_data()', "X = X.reshape(-1, 784).astype('float32') / 255"];
    return [
      `# Data: ${config.trainSize} training and ${config.valSize} validation digits from MNIST, 28x28 pixels scaled to [0, 1].`,
      ...load,
      `X_train, y_train = X[:${config.trainSize}], y[:${config.trainSize}]`,
      `X_val, y_val = X[${config.trainSize}:${total}], y[${config.trainSize}:${total}]`
    ];
  }
  if (config.data === 'csv') {
    return [
      '# Data: your own — a CSV file (features standardised with the training mean and std) or the points you',
      '# drew (plane coordinates, as drawn). "Download the data as trained (CSV)" holds the split as the page cut it.',
      'X_train, y_train, X_val, y_val = ...  # load your own split here'
    ];
  }
  const flip = Math.round(config.labelNoise * config.trainSize);
  const gen =
    config.data === 'moons'
      ? [`X, y = make_moons(n_samples=${total}, noise=${py(config.noise)}, random_state=${config.seed})`]
      : config.data === 'circle'
        ? [
            `X, y = make_circles(n_samples=${total}, noise=${py(config.noise)}, factor=0.5, random_state=${config.seed})`
          ]
        : [`X, y = ...  # ${total} points of the "${config.data}" shape, input noise ${py(config.noise)}`];
  const imp =
    config.data === 'moons'
      ? ['from sklearn.datasets import make_moons']
      : config.data === 'circle'
        ? ['from sklearn.datasets import make_circles']
        : [];
  return [
    `# Data: ${config.trainSize} training and ${config.valSize} validation points of "${config.data}";`,
    `# ${flip} training labels flipped (label noise ${py(config.labelNoise)}), validation labels left true.`,
    'import numpy as np',
    'from sklearn.model_selection import train_test_split',
    ...imp,
    ...gen,
    `X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=${config.valSize}, stratify=y, random_state=${config.seed})`,
    `rng = np.random.default_rng(${config.seed})`,
    `flip = rng.choice(len(y_train), size=${flip}, replace=False)`,
    'y_train = y_train.copy(); y_train[flip] = 1 - y_train[flip]',
    ...asTensors
  ];
}

/** PyTorch source for the twin run; `classes` is 2 for the 2-D sets, 10 for MNIST. */
export function toPyTorch(config: TwinConfig, classes: number, inputs: number): string {
  const out = outputsOf(config, classes);
  const act = { relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()' }[config.activation];
  const layers: string[] = [`        nn.Dropout(${py(config.pInput)} if dropout else 0.0),  # on the inputs`];
  let width = inputs;
  for (let i = 0; i < config.depth; i++) {
    layers.push(
      `        nn.Linear(${width}, ${config.width}), ${act}, nn.Dropout(${py(config.pHidden[i])} if dropout else 0.0),`
    );
    width = config.width;
  }
  layers.push(`        nn.Linear(${width}, ${out}),  # ${out === 1 ? 'one logit' : 'one logit per class'}`);
  const loss = out === 1 ? 'nn.BCEWithLogitsLoss()' : 'nn.CrossEntropyLoss()';
  const target = out === 1 ? '.squeeze(1)' : '';
  const opt =
    config.optimizer === 'adam'
      ? `torch.optim.Adam(model.parameters(), lr=${py(config.lr)})`
      : `torch.optim.SGD(model.parameters(), lr=${py(config.lr)}, momentum=${py(config.momentum)})`;
  const yCast = out === 1 ? '' : '\ny_train, y_val = y_train.long(), y_val.long()';
  const correct =
    out === 1 ? '((z > 0).float() == y).float().mean().item()' : '(z.argmax(1) == y).float().mean().item()';
  return `# Dropout Lab twin run: the same network trained with and without dropout.
import torch
from torch import nn

torch.manual_seed(${config.seed})
${dataLines(config, 'torch').join('\n')}${yCast}

def make_model(dropout: bool) -> nn.Sequential:
    # Dropout layers stay in place at p = 0 (identities), so both twins have the same layers.
    return nn.Sequential(
${layers.join('\n')}
    )

with_dropout = make_model(True)
plain = make_model(False)
plain.load_state_dict(with_dropout.state_dict())  # identical initial weights

loss_fn = ${loss}

def measure(model, X, y):
    model.eval()  # dropout off: measure the whole network, not a thinned one
    with torch.no_grad():
        z = model(X)${target}
        return loss_fn(z, y).item(), ${correct}

for name, model in [("plain", plain), ("dropout", with_dropout)]:
    optimizer = ${opt}
    order = torch.Generator().manual_seed(${config.seed})  # the same example order for both twins
    for epoch in range(1, ${config.epochs} + 1):
        model.train()
        for batch in torch.randperm(len(X_train), generator=order).split(${config.batchSize}):
            optimizer.zero_grad()
            loss = loss_fn(model(X_train[batch])${target}, y_train[batch])
            loss.backward()
            optimizer.step()
        train_loss, _ = measure(model, X_train, y_train)
        val_loss, val_acc = measure(model, X_val, y_val)
        print(f"{name} epoch {epoch}: train {train_loss:.4f}  val {val_loss:.4f}  val acc {val_acc:.3f}")
`;
}

/** Keras 3 source for the twin run (`rate` in Keras is PyTorch's `p`: the probability of dropping). */
export function toKeras(config: TwinConfig, classes: number, inputs: number): string {
  const out = outputsOf(config, classes);
  const init = config.activation === 'relu' ? 'he_uniform' : 'glorot_uniform';
  const layers: string[] = [
    `        keras.Input(shape=(${inputs},)),`,
    `        layers.Dropout(${py(config.pInput)} if dropout else 0.0),  # on the inputs`
  ];
  for (let i = 0; i < config.depth; i++) {
    layers.push(
      `        layers.Dense(${config.width}, activation="${config.activation}", kernel_initializer="${init}"),`
    );
    layers.push(`        layers.Dropout(${py(config.pHidden[i])} if dropout else 0.0),`);
  }
  layers.push(
    `        layers.Dense(${out}, kernel_initializer="${init}"),  # ${out === 1 ? 'one logit' : 'one logit per class'}`
  );
  const loss =
    out === 1
      ? 'keras.losses.BinaryCrossentropy(from_logits=True)'
      : 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)';
  const metric = out === 1 ? 'keras.metrics.BinaryAccuracy(threshold=0.0)' : '"accuracy"';
  const opt =
    config.optimizer === 'adam'
      ? `keras.optimizers.Adam(learning_rate=${py(config.lr)})`
      : `keras.optimizers.SGD(learning_rate=${py(config.lr)}, momentum=${py(config.momentum)})`;
  return `# Dropout Lab twin run: the same network trained with and without dropout.
import keras
from keras import layers

keras.utils.set_random_seed(${config.seed})
${dataLines(config, 'keras').join('\n')}

def make_model(dropout: bool) -> keras.Sequential:
    # Dropout layers stay in place at rate 0 (identities), so both twins have the same layers.
    return keras.Sequential([
${layers.join('\n')}
    ])

with_dropout = make_model(True)
plain = make_model(False)
plain.set_weights(with_dropout.get_weights())  # identical initial weights

for name, model in [("plain", plain), ("dropout", with_dropout)]:
    model.compile(optimizer=${opt}, loss=${loss}, metrics=[${metric}])
    # Keras's "loss" is averaged over masked mini-batches; validation is measured with dropout off.
    # For a training loss measured like the lab's, call model.evaluate(X_train, y_train) after each epoch.
    history = model.fit(X_train, y_train, batch_size=${config.batchSize}, epochs=${config.epochs},
                        validation_data=(X_val, y_val), shuffle=True, verbose=0)
    best = min(history.history["val_loss"])
    print(f"{name}: best validation loss {best:.4f}, last {history.history['val_loss'][-1]:.4f}")
`;
}

import type { TwinConfig } from './config';

/**
 * "Show the code", second half: PyTorch and Keras programs that load the weights the page
 * downloads (the engine's versioned JSON, `dropout-lab/weights` version 1) into the same
 * architecture, read the data as trained ("Download the data as trained (CSV)") and print the
 * validation accuracy — the page's, since the network, its weights and its inputs are the same.
 * Dropout is off in evaluation, so one program serves both twins' files.
 */

/** A number as Python source. */
function py(v: number): string {
  return Number.isInteger(v) ? String(v) : String(v).replace(/e(-?)(\d)$/, 'e$10$2');
}

/** Reading the exported CSV: features are every column but the last three (class, class_name, split). */
const READ_DATA = `rows = list(csv.reader(open(data_file, newline="")))
header, rows = rows[0], rows[1:]
val = [r for r in rows if r[-1] == "validation"]
X_val = [[float(v) for v in r[:-3]] for r in val]
y_val = [int(r[-3]) for r in val]`;

/** PyTorch: the twin's layers (eval mode), weights loaded by name, validation accuracy printed. */
export function toPyTorchLoad(config: TwinConfig, classes: number, inputs: number): string {
  const out = classes === 2 ? 1 : classes;
  const act = { relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()' }[config.activation];
  const layers = [`    nn.Dropout(${py(config.pInput)}),  # 0: on the inputs (off in eval mode)`];
  let width = inputs;
  for (let i = 0; i < config.depth; i++) {
    layers.push(`    nn.Linear(${width}, ${config.width}), ${act}, nn.Dropout(${py(config.pHidden[i])}),`);
    width = config.width;
  }
  layers.push(`    nn.Linear(${width}, ${out}),`);
  return `# Dropout Lab: load a twin's downloaded weights into PyTorch and reproduce the page's predictions.
# Usage: python3 load_twin.py twin-weights-dropout.json twin-data.csv
import csv, json, sys
import torch
from torch import nn

weights_file = sys.argv[1] if len(sys.argv) > 1 else "twin-weights-dropout.json"
data_file = sys.argv[2] if len(sys.argv) > 2 else "twin-data.csv"

# The same layers in the same order as the page's network, so the parameter names match ("1.weight", ...).
model = nn.Sequential(
${layers.join('\n')}
)
saved = json.load(open(weights_file))
assert saved["format"] == "dropout-lab/weights" and saved["version"] == 1, "not a Dropout Lab weights file"
state = {p["name"]: torch.tensor(p["values"], dtype=torch.float32).reshape(p["shape"]) for p in saved["parameters"]}
model.load_state_dict(state)  # PyTorch's Linear keeps weight as [out, in], as the page does
model.eval()  # dropout off: the whole network, as the page measures it

${READ_DATA}
with torch.no_grad():
    z = model(torch.tensor(X_val, dtype=torch.float32))
pred = ${out === 1 ? '(z[:, 0] > 0).long()' : 'z.argmax(1)'}
accuracy = (pred == torch.tensor(y_val)).float().mean().item()
print(f"validation accuracy {accuracy:.6f} on {len(y_val)} rows")
`;
}

/** Keras 3: Dense kernels are [in, out], so each weight matrix is transposed on the way in. */
export function toKerasLoad(config: TwinConfig, classes: number, inputs: number): string {
  const out = classes === 2 ? 1 : classes;
  const layers = [`    keras.Input(shape=(${inputs},)),`, `    layers.Dropout(${py(config.pInput)}),`];
  for (let i = 0; i < config.depth; i++) {
    layers.push(`    layers.Dense(${config.width}, activation="${config.activation}"),`);
    layers.push(`    layers.Dropout(${py(config.pHidden[i])}),`);
  }
  layers.push(`    layers.Dense(${out}),`);
  return `# Dropout Lab: load a twin's downloaded weights into Keras and reproduce the page's predictions.
# Usage: python3 load_twin.py twin-weights-dropout.json twin-data.csv
import csv, json, sys
import numpy as np
import keras
from keras import layers

weights_file = sys.argv[1] if len(sys.argv) > 1 else "twin-weights-dropout.json"
data_file = sys.argv[2] if len(sys.argv) > 2 else "twin-data.csv"

model = keras.Sequential([
${layers.join('\n')}
])
saved = json.load(open(weights_file))
assert saved["format"] == "dropout-lab/weights" and saved["version"] == 1, "not a Dropout Lab weights file"
params = {p["name"]: np.array(p["values"], dtype="float32").reshape(p["shape"]) for p in saved["parameters"]}
# The page's Linear layers, in order ("1.weight", "4.weight", ...), onto the Dense layers, in order.
linear = sorted({int(name.split(".")[0]) for name in params})
dense = [l for l in model.layers if isinstance(l, layers.Dense)]
for layer, i in zip(dense, linear):
    layer.set_weights([params[f"{i}.weight"].T, params[f"{i}.bias"]])  # Keras kernels are [in, out]

${READ_DATA}
z = model.predict(np.array(X_val, dtype="float32"), verbose=0)  # predict: dropout off
pred = ${out === 1 ? '(z[:, 0] > 0).astype(int)' : 'z.argmax(1)'}
accuracy = float((pred == np.array(y_val)).mean())
print(f"validation accuracy {accuracy:.6f} on {len(y_val)} rows")
`;
}

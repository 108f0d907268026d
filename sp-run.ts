import { loadWasmKernelsSync, useKernels } from './src/lib/engine';
import { loadMnistNode } from './src/lib/data/mnist-node';
import { imageSplit } from './src/lib/lab/spatial/data';
import { spatialExperiment, DEFAULT_CONFIG } from './src/lib/lab/spatial/experiment';
import { generalisationVerdict, knockoutVerdict } from './src/lib/lab/spatial/verdict';
const k = loadWasmKernelsSync(); if (k) useKernels(k);
const p = Number(process.argv[2] ?? DEFAULT_CONFIG.p);
const cfg = { ...DEFAULT_CONFIG, p };
const data = imageSplit(loadMnistNode(), { train: cfg.train, val: cfg.val, seed: cfg.seed });
const t0 = performance.now();
let tk = 0;
const g = spatialExperiment(data, cfg);
let s = g.next();
for (; !s.done; s = g.next()) {
  if (s.value.type === 'run') { const r = s.value.summary; console.log(r.seed, r.kind, r.bestValLoss.toFixed(3), r.bestValAccuracy.toFixed(3), r.knockout?.accuracy.map(a => (a*100).toFixed(1)).join(' '), ((performance.now()-t0)/1000).toFixed(1)+'s'); }
}
const runs = s.value;
console.log('total', ((performance.now() - t0) / 1000).toFixed(1), 's');
console.log(generalisationVerdict(runs));
console.log(knockoutVerdict(runs));

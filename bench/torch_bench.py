"""PyTorch side of `npm run bench` (bench/torch.ts starts it; never needed by `npm test`).

Trains the benchmark's MLP workloads in PyTorch on one thread and reports training samples per
CPU-second, so bench/run.ts can print our ratio to it. It is a server on stdin/stdout, one JSON
object per line, so that one interpreter (importing torch costs seconds) serves every repetition
and bench/run.ts can interleave our measurements with these:

  {"cmd": "data", "path": P, "n": N, "features": F}  -> {"ok": true}
      P holds N*F float32 inputs then N float32 labels: the exact training set our engine uses
      (the MNIST bytes of static/data/mnist-10k.bin, through the same split), written by bench/torch.ts.
  {"cmd": "train", "workload": {...}, "timeMs": T, "warmupMs": W} -> {"calls": ..., "cpuSeconds": ..., "seconds": ...}
      workload: inputs, hidden, outputs, inputDropout, hiddenDropout, batch, lr, momentum (bench/workloads.ts).
  {"cmd": "quit"}

One step is what our engine times: zero_grad, forward in training mode (fresh dropout masks), the
cross-entropy loss, backward, and an SGD-with-momentum step, on a mini-batch cut from a shuffled
order (reshuffled every epoch).
"""

import json
import os
import sys
import time

# One thread for OpenMP/OpenBLAS too, before torch loads them.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(1)


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def build(w):
    """[Dropout(pIn)] -> (Linear -> ReLU -> Dropout(p))... -> Linear, as the engine's mlp()."""
    layers = []
    if w["inputDropout"] > 0:
        layers.append(torch.nn.Dropout(w["inputDropout"]))
    sizes = [w["inputs"], *w["hidden"]]
    for a, b in zip(sizes, sizes[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.ReLU()]
        if w["hiddenDropout"] > 0:
            layers.append(torch.nn.Dropout(w["hiddenDropout"]))
    layers.append(torch.nn.Linear(sizes[-1], w["outputs"]))
    return torch.nn.Sequential(*layers)


def train(w, x, y, time_ms, warmup_ms):
    model = build(w).train()
    opt = torch.optim.SGD(model.parameters(), lr=w["lr"], momentum=w["momentum"])
    loss_fn = torch.nn.CrossEntropyLoss()
    batch = w["batch"]
    n = x.shape[0]
    per_epoch = n // batch
    state = {"b": 0, "order": None, "loss": 0.0}

    def step():
        if state["b"] == 0:
            state["order"] = torch.randperm(n)
        idx = state["order"][state["b"] * batch : (state["b"] + 1) * batch]
        state["b"] = (state["b"] + 1) % per_epoch
        xb = x.index_select(0, idx)
        yb = y.index_select(0, idx)
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        state["loss"] = loss

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < warmup_ms / 1000:
        step()
    calls = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    t = t0
    while t - t0 < time_ms / 1000:
        step()
        calls += 1
        t = time.perf_counter()
    cpu = time.process_time() - c0
    last = float(state["loss"])
    if last != last:
        raise RuntimeError("training diverged (loss NaN)")
    return {"calls": calls, "cpuSeconds": cpu, "seconds": t - t0, "loss": last}


def main():
    x = y = None
    reply({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()})
    for line in sys.stdin:
        msg = json.loads(line)
        try:
            if msg["cmd"] == "data":
                n, f = msg["n"], msg["features"]
                flat = torch.from_file(msg["path"], shared=False, size=n * f + n, dtype=torch.float32)
                x = flat[: n * f].reshape(n, f).clone()
                y = flat[n * f :].to(torch.int64)
                reply({"ok": True})
            elif msg["cmd"] == "train":
                if x is None:
                    raise RuntimeError("no data sent before train")
                reply(train(msg["workload"], x, y, msg["timeMs"], msg.get("warmupMs", 1000)))
            elif msg["cmd"] == "quit":
                return
            else:
                raise RuntimeError("unknown command " + str(msg["cmd"]))
        except Exception as e:  # the bench prints the reason instead of hanging
            reply({"error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()

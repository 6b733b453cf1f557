"""Runs a learner's own network code on the inputs of `ann check -inputs DIR`
and saves what it computes for `ann check`; then checks their gradient
numerically. numpy only.

    go run ./cmd/ann check -inputs in
    /usr/bin/python3 docs/numpy/check_mine.py my_network.py in/small small.npz
    go run ./cmd/ann check small.npz

my_network.py defines the tutorial's functions, with its names and arguments:
forward_prop(X, Thetas) -> (Z, A), calculate_cost(X, y, Thetas, lamb),
backpropagation(X, y, A, Z, Thetas, lamb) -> Theta_grads,
train_network(X, y, Initial_thetas, alpha, max_iter[, lamb]) -> (Thetas, costs)
and, optionally, init_thetas(layers) (cell 9's loop; this script seeds
np.random first). Thetas, Z, A and Theta_grads are dicts by layer number, as
in the tutorial. The locals d and Deltas of backpropagation are saved too, if
it has them under those names.
"""
import importlib.util
import inspect
import json
import os
import sys

import numpy as np


def load_module(path):
    spec = importlib.util.spec_from_file_location("learner", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_inputs(d):
    X = np.load(os.path.join(d, "X.npy"))
    y = np.load(os.path.join(d, "y.npy"))
    with open(os.path.join(d, "params.json")) as f:
        params = json.load(f)
    Thetas = {}
    for l in range(1, len(params["layers"])):
        Thetas[l] = np.load(os.path.join(d, "Theta%d.npy" % l))
    return X, y, Thetas, params


def copy(Thetas):
    return {l: t.copy() for l, t in Thetas.items()}


def backprop_with_locals(mod, X, y, A, Z, Thetas, lamb):
    """Calls their backpropagation and keeps its locals d and Deltas."""
    kept = {}

    def profile(frame, event, arg):
        if event == "return" and frame.f_code is mod.backpropagation.__code__:
            kept.update(frame.f_locals)

    sys.setprofile(profile)
    try:
        grads = mod.backpropagation(X, y, A, Z, Thetas, lamb)
    finally:
        sys.setprofile(None)
    return grads, kept


def train(mod, X, y, Thetas, alpha, iters, lamb):
    if len(inspect.signature(mod.train_network).parameters) >= 6:
        return mod.train_network(X, y, Thetas, alpha, iters, lamb)
    if lamb != 0:
        print("check_mine: train_network takes no lamb: it trains with lamb = 0")
    return mod.train_network(X, y, Thetas, alpha, iters)


def gradient_check(mod, X, y, Thetas, lamb, h=1e-4):
    """Their backpropagation against central differences of their
    calculate_cost: the relative difference |num - bp| / (|num| + |bp|)."""
    Z, A = mod.forward_prop(X, Thetas)
    bp = mod.backpropagation(X, y, A, Z, copy(Thetas), lamb)
    num, back = [], []
    for l in sorted(Thetas):
        for idx in np.ndindex(Thetas[l].shape):
            T = copy(Thetas)
            v = T[l][idx]
            T[l][idx] = v + h
            plus = mod.calculate_cost(X, y, T, lamb)
            T[l][idx] = v - h
            minus = mod.calculate_cost(X, y, T, lamb)
            num.append((plus - minus) / (2 * h))
            back.append(bp[l][idx])
    num, back = np.array(num), np.array(back)
    return np.linalg.norm(num - back) / (np.linalg.norm(num) + np.linalg.norm(back))


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    return run(load_module(argv[1]), argv[2], argv[3])


def run(mod, inputs, npz):
    """Runs the functions of mod (a module, or a notebook's
    sys.modules['__main__']) on the inputs in the folder inputs, saves the
    arrays to the file npz and checks the gradient."""
    X, y, Thetas, params = load_inputs(inputs)
    lamb, alpha, iters, seed = params["lambda"], params["alpha"], params["iters"], params["seed"]
    out = {"X": X, "y": y, "lambda": lamb, "alpha": alpha, "iters": iters, "seed": seed}
    for l, t in Thetas.items():
        out["Theta%d" % l] = t

    Z, A = mod.forward_prop(X, copy(Thetas))
    for l in A:
        out["A%d" % l] = A[l]
    for l in Z:
        out["Z%d" % l] = Z[l]
    out["J"] = mod.calculate_cost(X, y, copy(Thetas), lamb)
    grads, kept = backprop_with_locals(mod, X, y, A, Z, copy(Thetas), lamb)
    for l in grads:
        out["D%d" % l] = grads[l]
    for name, key in (("d", "d"), ("Deltas", "Delta")):
        if isinstance(kept.get(name), dict):
            for l, v in kept[name].items():
                out["%s%d" % (key, l)] = v

    start = copy(Thetas)  # Take 1 and Take 2 start from the same Thetas
    Trained, costs = train(mod, X, y, start, alpha, iters, lamb)
    out["costs"] = np.array(costs)
    for l in Trained:
        out["Trained%d" % l] = np.array(Trained[l])  # a copy: a second run may change it in place
    _, costs2 = train(mod, X, y, start, alpha, iters, lamb)
    out["costs2"] = np.asarray(costs2)

    if hasattr(mod, "init_thetas"):
        np.random.seed(seed)
        for l, t in mod.init_thetas(params["layers"]).items():
            out["Init%d" % l] = t

    np.savez(npz, **out)
    print("check_mine: wrote %s (%s)" % (npz, ", ".join(sorted(out))))

    r = gradient_check(mod, X, y, copy(Thetas), lamb)
    print("gradient check: relative difference %.2g between your backpropagation" % r)
    print("and central differences of your calculate_cost (h = 1e-4)")
    if r < 1e-7:
        print("  below 1e-7: your backpropagation is the gradient of your cost (about 1e-9 or less when right)")
    else:
        print("  above 1e-7: your backpropagation is not the gradient of your cost; run ann check on %s" % npz)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

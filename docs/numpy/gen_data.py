#!/usr/bin/python3
"""scikit-learn's make_moons, make_circles and KFold(shuffle=True) pinned for the Go port.

Writes testdata/numpy/moons.json, testdata/numpy/circles.json and
testdata/numpy/kfold.json. Run from the repository root:

    /usr/bin/python3 docs/numpy/gen_data.py

The script also re-derives each data set from a step-by-step transcription of
scikit-learn 1.2's code (the recipe a Go port follows, written out in
docs/numpy/README.md) and asserts that labels agree exactly and coordinates to
1e-12, and that every KFold test fold is a sorted consecutive chunk of
RandomState(seed).permutation(m).
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_circles, make_moons
from sklearn.model_selection import KFold

OUTDIR = os.path.join("testdata", "numpy")

MOONS = [(1, 0.1, 0), (2, 0.1, 0), (3, 0.0, 1), (7, 0.05, 42), (100, 0.3, 123),
         (101, 0.1, 7), (250, 0.2, 2024), (9, None, 3)]
CIRCLES = [(1, 0.1, 0, 0.8), (2, 0.0, 0, 0.8), (9, 0.05, 1, 0.5), (100, 0.1, 0, 0.8),
           (101, 0.2, 42, 0.3), (250, 0.05, 2024, 0.8)]
KFOLDS = [(10, 3, 0), (23, 5, 42), (100, 5, 0), (101, 10, 7), (1797, 5, 0)]


def generator():
    return {"script": "docs/numpy/gen_data.py", "numpy": np.__version__,
            "sklearn": sklearn.__version__, "python": sys.version.split()[0]}


def linspace(start, stop, num, endpoint=True):
    """numpy.linspace for scalar start/stop, step by step."""
    div = num - 1 if endpoint else num
    if div > 0:
        step = (stop - start) / div
        y = [i * step + start for i in range(num)]
    else:
        y = [i * (stop - start) + start for i in range(num)]
    if endpoint and num > 1:
        y[-1] = stop
    return np.array(y, dtype=float)


def recipe(kind, n, noise, seed, factor=None):
    """The generator written out: points, labels, shuffle, then noise."""
    n_out = n // 2
    n_in = n - n_out
    if kind == "moons":
        t_out = linspace(0, np.pi, n_out)
        t_in = linspace(0, np.pi, n_in)
        xs = list(np.cos(t_out)) + list(1 - np.cos(t_in))
        ys = list(np.sin(t_out)) + list(1 - np.sin(t_in) - 0.5)
    else:
        t_out = linspace(0, 2 * np.pi, n_out, endpoint=False)
        t_in = linspace(0, 2 * np.pi, n_in, endpoint=False)
        xs = list(np.cos(t_out)) + list(np.cos(t_in) * factor)
        ys = list(np.sin(t_out)) + list(np.sin(t_in) * factor)
    X = np.array([xs, ys]).T.reshape(n, 2)
    y = np.array([0] * n_out + [1] * n_in)
    rs = np.random.RandomState(seed)
    idx = np.arange(n)
    rs.shuffle(idx)  # one permutation for both X and y
    X, y = X[idx], y[idx]
    if noise is not None:
        # n*2 draws, filled row by row: (row0 x, row0 y, row1 x, ...)
        X = X + rs.normal(scale=noise, size=(n, 2))
    return X, y


def data_case(kind, n, noise, seed, factor=None):
    if kind == "moons":
        X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    else:
        X, y = make_circles(n_samples=n, noise=noise, random_state=seed, factor=factor)
    X2, y2 = recipe(kind, n, noise, seed, factor)
    assert (y == y2).all(), (kind, n, noise, seed)
    assert np.abs(X - X2).max(initial=0) <= 1e-12, (kind, n, noise, seed)
    case = {"n": n, "noise": noise, "seed": seed}
    if factor is not None:
        case["factor"] = factor
    case["X"] = [[float(a), float(b)] for a, b in X]
    case["y"] = [int(v) for v in y]
    return case


def kfold_case(m, k, seed):
    folds = [test.tolist() for _, test in
             KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(m))]
    perm = np.random.RandomState(seed).permutation(m).tolist()
    # Verify: fold j is the j-th consecutive chunk of perm, sorted ascending;
    # the first m % k folds hold m // k + 1 indices, the rest m // k.
    start = 0
    for j, fold in enumerate(folds):
        size = m // k + (1 if j < m % k else 0)
        assert len(fold) == size
        assert fold == sorted(perm[start:start + size]), (m, k, seed, j)
        start += size
    assert start == m and len(folds) == k
    return {"m": m, "k": k, "seed": seed, "folds": folds, "permutation": perm}


def dump(obj, name):
    path = os.path.join(OUTDIR, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


def main():
    os.makedirs(OUTDIR, exist_ok=True)
    dump({"generator": generator(),
          "cases": [data_case("moons", n, noise, seed) for n, noise, seed in MOONS]},
         "moons.json")
    dump({"generator": generator(),
          "cases": [data_case("circles", n, noise, seed, factor)
                    for n, noise, seed, factor in CIRCLES]},
         "circles.json")
    dump({"generator": generator(),
          "cases": [kfold_case(m, k, seed) for m, k, seed in KFOLDS]},
         "kfold.json")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference numbers for moons.Circles/XOR/Spiral and package trainer/dataset.

Writes, from the repository root:

    /usr/bin/python3 docs/numpy/gen_dataset_checks.py

- moons/testdata/circles_more.json: scikit-learn's make_circles for cases beyond
  testdata/numpy/circles.json (n = 0, 1, 2, 3, odd n, noise 0, factor 0, large n).
- moons/testdata/more.json: XOR and Spiral, computed here with numpy from the
  formulas in moons/more.go's doc comments (these data sets are ann's own, not
  scikit-learn's; this is an independent implementation of the same recipe).
- trainer/dataset/testdata/splits.json: scikit-learn's
  KFold(n_splits=k, shuffle=True, random_state=seed).split (test indices of every
  fold, and the train indices for m <= 150) and train_test_split(arange(m), test_size=f,
  shuffle=True, random_state=seed).
- network/model/testdata/scaler.json: scikit-learn's StandardScaler fitted
  on small matrices, iris and digits: mean_, scale_ and the transform of the
  matrix itself.

Made with Debian's python3-numpy 1.24.2 and python3-sklearn 1.2.1; every file
records the versions under "generator".
"""
import gzip
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_circles
from sklearn.model_selection import KFold, train_test_split
from sklearn.preprocessing import StandardScaler


def generator():
    return {"script": "docs/numpy/gen_dataset_checks.py", "numpy": np.__version__,
            "sklearn": sklearn.__version__, "python": sys.version.split()[0]}


def dump(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


def floats(X):
    return [[float(v) for v in row] for row in X]


# ---- moons: make_circles, more cases ---------------------------------------

CIRCLES = [(0, 0.1, 0, 0.8), (1, 0.0, 3, 0.5), (2, 0.1, 1, 0.8), (3, 0.0, 5, 0.0),
           (3, 0.2, 5, 0.0), (4, 0.05, 11, 0.25), (7, 0.1, 4294967295, 0.9),
           (15, 0.3, 99, 0.6), (501, 0.1, 0, 0.5), (301, 0.0, 17, 0.999)]


def circles_case(n, noise, seed, factor):
    X, y = make_circles(n_samples=n, noise=noise, random_state=seed, factor=factor)
    return {"n": n, "noise": noise, "seed": seed, "factor": factor,
            "X": floats(X), "y": [int(v) for v in y]}


# ---- moons: XOR and Spiral, from the documented formulas --------------------

def xor(n, noise, seed):
    rs = np.random.RandomState(seed)
    X = 2 * rs.rand(n, 2) - 1
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(int)
    if noise > 0:
        X += rs.normal(scale=noise, size=(n, 2))
    return X, y


def spiral(n, noise, seed, K):
    arms, labels = [], []
    for j in range(K):
        c = n // K + (1 if j >= K - n % K else 0)
        t = np.linspace(0.1, 1, c)
        theta = 4 * t + 2 * np.pi * j / K
        arms.append(np.c_[t * np.cos(theta), t * np.sin(theta)])
        labels += [j] * c
    X = np.vstack(arms).reshape(n, 2)
    y = np.array(labels, dtype=int)
    rs = np.random.RandomState(seed)
    idx = rs.permutation(n)
    X, y = X[idx], y[idx]
    if noise > 0:
        X += rs.normal(scale=noise, size=(n, 2))
    return X, y


XORS = [(1, 0.0, 0), (5, 0.1, 1), (200, 0.05, 42), (300, 0.0, 7)]
SPIRALS = [(1, 0.0, 0, 2), (2, 0.0, 0, 2), (7, 0.1, 3, 2), (10, 0.0, 1, 3),
           (200, 0.05, 42, 2), (301, 0.2, 5, 3), (500, 0.1, 0, 5)]


def data_case(X, y, **params):
    case = dict(params)
    case["X"] = floats(X)
    case["y"] = [int(v) for v in y]
    return case


# ---- dataset: KFold, train_test_split --------------------------------------

KFOLDS = [(2, 2, 0), (5, 5, 1), (10, 3, 0), (11, 4, 3), (23, 5, 42), (100, 7, 0),
          (150, 5, 0), (150, 10, 2), (1797, 5, 0), (1797, 10, 123)]
SPLITS = [(2, 0.5, 0), (10, 0.3, 0), (10, 0.7, 1), (10, 0.25, 3), (100, 0.2, 42),
          (150, 0.1, 0), (150, 1 / 3, 7), (1797, 0.25, 0), (7, 0.8, 5)]


def kfold_case(m, k, seed):
    folds = list(KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros((m, 1))))
    # Check what the Go code documents: test folds are the consecutive chunks
    # of RandomState(seed).permutation(m), each sorted ascending; train is the
    # rest, ascending.
    perm = np.random.RandomState(seed).permutation(m)
    start = 0
    for j, (train, test) in enumerate(folds):
        size = m // k + (1 if j < m % k else 0)
        assert list(test) == sorted(perm[start:start + size]), (m, k, seed, j)
        assert list(train) == sorted(set(range(m)) - set(test)), (m, k, seed, j)
        start += size
    case = {"m": m, "k": k, "seed": seed,
            "test": [[int(i) for i in test] for _, test in folds]}
    if m <= 150:  # keep the file small: the larger cases pin the test folds only
        case["train"] = [[int(i) for i in train] for train, _ in folds]
    return case


def split_case(m, f, seed):
    train, test = train_test_split(np.arange(m), test_size=f, shuffle=True, random_state=seed)
    # ShuffleSplit: n_test = ceil(f*m), perm = RandomState(seed).permutation(m),
    # test = perm[:n_test], train = perm[n_test:], both in permuted order.
    perm = np.random.RandomState(seed).permutation(m)
    n_test = int(np.ceil(f * m))
    assert list(test) == list(perm[:n_test]) and list(train) == list(perm[n_test:])
    return {"m": m, "test_fraction": f, "seed": seed,
            "train": [int(i) for i in train], "test": [int(i) for i in test]}


# ---- dataset: StandardScaler ------------------------------------------------

def load_csv(path, header):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        a = np.loadtxt(f, delimiter=",", skiprows=1 if header else 0)
    return a[:, :-1]


def scaler_case(name, X):
    s = StandardScaler().fit(X)
    return {"name": name, "X": floats(X), "mean": [float(v) for v in s.mean_],
            "var": [float(v) for v in s.var_], "scale": [float(v) for v in s.scale_],
            "Z": floats(s.transform(X))}


def scaler_cases():
    rs = np.random.RandomState(0)
    big = 1e6 + rs.rand(50, 3)                 # a large offset: cancellation
    small = [[1.0, 2.0], [3.0, 5.0], [4.0, 11.0]]
    const = np.c_[np.full(30, 0.1), np.arange(30.0), np.full(30, -7.0)]
    cases = [
        scaler_case("small", np.array(small)),
        scaler_case("one row", np.array([[1.5, -2.0, 0.0]])),
        scaler_case("constant columns", const),  # 0.1 sums to 30*0.1 inexactly
        # Columns that differ only in the last bit: the variance is not 0 but
        # below the rounding error bound, so StandardScaler sets scale_ 1.
        scaler_case("nearly constant", np.c_[
            [1.0, np.nextafter(1.0, 2), 1.0, 1.0, np.nextafter(1.0, 2), 1.0, 1.0],
            [1e6, 1e6, np.nextafter(1e6, 0), 1e6, 1e6, 1e6, np.nextafter(1e6, 2e6)],
            [0.0, 1e-300, 0.0, 0.0, 0.0, 0.0, 0.0],
            [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]]),
        scaler_case("large offset", big),
        scaler_case("normal", rs.normal(3, 2, size=(40, 4))),
        scaler_case("iris", load_csv("testdata/iris.csv", header=True)),
    ]
    digits = load_csv("testdata/digits.csv.gz", header=False)
    s = StandardScaler().fit(digits)
    cases.append({"name": "digits", "file": "testdata/digits.csv.gz",
                  "mean": [float(v) for v in s.mean_], "var": [float(v) for v in s.var_],
                  "scale": [float(v) for v in s.scale_],
                  "Z_first_rows": floats(s.transform(digits[:3]))})
    return cases


def main():
    os.makedirs("moons/testdata", exist_ok=True)
    os.makedirs("trainer/dataset/testdata", exist_ok=True)
    os.makedirs("network/model/testdata", exist_ok=True)
    dump({"generator": generator(),
          "cases": [circles_case(*c) for c in CIRCLES]},
         "moons/testdata/circles_more.json")
    dump({"generator": generator(),
          "xor": [data_case(*xor(n, noise, seed), n=n, noise=noise, seed=seed)
                  for n, noise, seed in XORS],
          "spiral": [data_case(*spiral(n, noise, seed, K), n=n, noise=noise, seed=seed, K=K)
                     for n, noise, seed, K in SPIRALS]},
         "moons/testdata/more.json")
    dump({"generator": generator(),
          "kfold": [kfold_case(*c) for c in KFOLDS],
          "train_test_split": [split_case(*c) for c in SPLITS]},
         "trainer/dataset/testdata/splits.json")
    dump({"generator": generator(), "cases": scaler_cases()},
         "network/model/testdata/scaler.json")


if __name__ == "__main__":
    main()

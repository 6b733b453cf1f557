#!/usr/bin/python3
"""Reference splits for dataset.StratifiedSplit.

Writes, from the repository root:

    /usr/bin/python3 docs/numpy/gen_stratified.py

trainer/dataset/testdata/stratified.json: for each case (labels y, test_size f,
random_state seed), scikit-learn's
train_test_split(arange(m), test_size=f, stratify=y, shuffle=True, random_state=seed):
the training and test indices in the order it returns them, or the ValueError's
text where it raises one. The labels are small hand-made sets (ties between the
classes' remainders, unequal classes), the moons, iris and the digits.

Made with Debian's python3-numpy 1.24.2 and python3-sklearn 1.2.1; the file
records the versions under "generator".
"""
import csv
import gzip
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split


def labels_of(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = list(csv.reader(f))
    try:
        float(rows[0][-1])
    except ValueError:
        rows = rows[1:]
    return [int(float(r[-1])) for r in rows]


def case(y, f, seed):
    m = len(y)
    c = {"y": [int(v) for v in y], "fraction": f, "seed": seed}
    try:
        train, test = train_test_split(np.arange(m), test_size=f, stratify=np.array(y),
                                       shuffle=True, random_state=seed)
        c["train"] = [int(v) for v in train]
        c["test"] = [int(v) for v in test]
    except ValueError as e:
        c["error"] = str(e)
    return c


cases = []
small = [
    [0, 0, 1, 1],
    [0, 1, 0, 1, 0, 1, 0, 1, 2, 2],
    [0] * 7 + [1] * 5 + [2] * 3,
    [2, 0, 1, 1, 0, 2, 2, 1, 0, 0, 0, 1],
    [0] * 98 + [1] * 2,
    [1] * 9 + [3] * 4 + [0] * 4,   # labels with a gap (no class 2)
    [0, 0, 0, 1],                   # a class of 1 row: sklearn refuses
]
for y in small:
    for f in (0.1, 0.25, 0.5):
        for seed in (0, 1, 7):
            cases.append(case(y, f, seed))
_, ymoons = make_moons(n_samples=200, noise=0.35, random_state=0)
for f, seed in ((0.1, 0), (0.3, 5), (0.5, 0)):
    cases.append(case(list(ymoons), f, seed))
# the training rows of train -n 200 -test-fraction 0.5: the overfit example
tr, _ = train_test_split(np.arange(200), test_size=0.5, shuffle=True, random_state=0)
cases.append(case([int(ymoons[i]) for i in tr], 0.1, 0))
iris = labels_of("testdata/iris.csv")
digits = labels_of("testdata/digits.csv.gz")
for f, seed in ((0.1, 0), (0.2, 42)):
    cases.append(case(iris, f, seed))
    cases.append(case(digits, f, seed))
cases.append(case(digits, 0.001, 0))   # fewer test rows than classes

out = {"generator": {"script": "docs/numpy/gen_stratified.py", "numpy": np.__version__,
                     "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
       "cases": cases}
path = "trainer/dataset/testdata/stratified.json"
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
    fh.write("\n")
print("wrote", path, os.path.getsize(path), "bytes")

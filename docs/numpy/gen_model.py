"""A model trained by the tutorial's own numpy code, saved with numpy.savez, for
ann's model-reading tests (network/model_test.go, cmd/ann predict tests).

Run from the repository root:

    /usr/bin/python3 docs/numpy/gen_model.py

It trains the tutorial's network (docs/numpy/tutorial.py) on
make_moons(300, noise=0.2, random_state=5), layers 2,6,4,2, np.random.seed(7),
alpha 1.0, 300 iterations, and writes:

- testdata/numpy/model.npz: np.savez(Theta1=..., Theta2=..., Theta3=...)
- testdata/numpy/model_compressed.npz: the same with np.savez_compressed
- testdata/numpy/model_inputs.csv: the 300 rows, header x1,x2,label
- testdata/numpy/model_predictions.json: the tutorial's predict() on those rows
  and the output-layer activations A[L] (forward_prop) for every row.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn import datasets

sys.path.insert(0, os.path.dirname(__file__))
import tutorial  # noqa: E402

OUT = os.path.join("testdata", "numpy")

X, y = datasets.make_moons(n_samples=300, noise=0.2, random_state=5)
np.random.seed(7)
layers = [2, 6, 4, 2]
thetas = tutorial.init_thetas(layers)
thetas, costs = tutorial.train_network(X, y, thetas, alpha=1.0, max_iter=300)

arrays = {"Theta%d" % l: thetas[l] for l in thetas}
np.savez(os.path.join(OUT, "model.npz"), **arrays)
np.savez_compressed(os.path.join(OUT, "model_compressed.npz"), **arrays)

with open(os.path.join(OUT, "model_inputs.csv"), "w") as f:
    f.write("x1,x2,label\n")
    for (a, b), c in zip(X, y):
        f.write("%r,%r,%d\n" % (float(a), float(b), int(c)))

Z, A = tutorial.forward_prop(X, thetas)
out = {
    "generator": {"script": "docs/numpy/gen_model.py", "numpy": np.__version__,
                  "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
    "predict": [int(v) for v in tutorial.predict(X, thetas)],
    "proba": [[float(v) for v in row] for row in A[len(layers)]],
    "accuracy": float(np.mean(tutorial.predict(X, thetas) == y)),
}
with open(os.path.join(OUT, "model_predictions.json"), "w") as f:
    json.dump(out, f)
print("accuracy", out["accuracy"], "last cost", costs[-1])

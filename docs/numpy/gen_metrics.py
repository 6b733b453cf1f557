#!/usr/bin/python3
"""Reference per-class scores for package trainer/metrics.

Writes, from the repository root:

    /usr/bin/python3 docs/numpy/gen_metrics.py

trainer/metrics/testdata/report.json: for each case (true labels, predictions,
K), scikit-learn's confusion_matrix(y, p, labels=range(K)) and
classification_report(y, p, labels=range(K), zero_division=0, output_dict=True).
The predictions are drawn with numpy (RandomState): mostly right with some
classes mistaken for others, a class that is never predicted, a class with no
examples, two classes, and the digits' 10.

Made with Debian's python3-numpy 1.24.2 and python3-sklearn 1.2.1; the file
records the versions under "generator".
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import classification_report, confusion_matrix


def case(y, p, K):
    labels = list(range(K))
    rep = classification_report(y, p, labels=labels, zero_division=0, output_dict=True)
    classes = [rep[str(k)] for k in labels]
    return {
        "K": K, "y": [int(v) for v in y], "pred": [int(v) for v in p],
        "confusion": confusion_matrix(y, p, labels=labels).tolist(),
        "classes": [{"precision": c["precision"], "recall": c["recall"], "f1": c["f1-score"],
                     "support": int(c["support"])} for c in classes],
        "accuracy": rep.get("accuracy", float(np.mean(np.array(y) == np.array(p)))),
        "macro": {k: rep["macro avg"][k] for k in ("precision", "recall", "f1-score")},
        "weighted": {k: rep["weighted avg"][k] for k in ("precision", "recall", "f1-score")},
    }


rs = np.random.RandomState(0)
cases = []
for m, K, right in ((50, 2, 0.8), (300, 3, 0.7), (1797, 10, 0.95), (97, 5, 0.5), (20, 4, 0.0)):
    y = rs.randint(0, K, size=m)
    p = np.where(rs.rand(m) < right, y, rs.randint(0, K, size=m))
    cases.append(case(y, p, K))
# class 2 never predicted; class 3 has no examples but is predicted
y = rs.randint(0, 3, size=60)
p = np.where(y == 2, 0, y)
p[:5] = 3
cases.append(case(y, p, 4))
# every prediction right
y = rs.randint(0, 3, size=30)
cases.append(case(y, y.copy(), 3))

out = {"generator": {"script": "docs/numpy/gen_metrics.py", "numpy": np.__version__,
                     "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
       "cases": cases}
os.makedirs("trainer/metrics/testdata", exist_ok=True)
path = "trainer/metrics/testdata/report.json"
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
    fh.write("\n")
print("wrote", path, os.path.getsize(path), "bytes")

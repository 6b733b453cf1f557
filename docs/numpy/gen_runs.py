#!/usr/bin/python3
"""More runs of the tutorial's own numpy code -> testdata/numpy/runs.json.

Run from the repository root:

    /usr/bin/python3 docs/numpy/gen_runs.py          # about a minute
    /usr/bin/python3 docs/numpy/gen_runs.py --check  # also re-derive testdata/reference/take1.json

Each run is (the same recipe as testdata/reference/README.md):

    X, y = make_moons(n_samples=n, noise=noise, random_state=dataseed)   # or iris
    np.random.seed(seed)
    Thetas = init_thetas(layers)
    Thetas, costs = train_network(X[:ntrain], y[:ntrain], Thetas, alpha, iters, lamb)

Before a run is written it is checked for numerical stability: it is trained
again (1) with every initial weight multiplied by (1 + 1e-15) and (2) with
np.exp in the sigmoid replaced by np.nextafter(np.exp(z), np.inf) (one ulp up).
A run is kept only if every cost moves by less than 1e-11 relative in both; the
largest relative change is recorded as "stability".
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_moons

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tutorial  # noqa: E402

OUT = os.path.join("testdata", "numpy", "runs.json")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
IRIS = os.path.join(ROOT, "testdata", "iris.csv")
TAKE1 = os.path.join(ROOT, "testdata", "reference", "take1.json")
TOL = 1e-11

RUNS = [
    dict(data="moons", n=200, noise=0.2, dataseed=7, layers=[2, 3, 2], seed=5,
         alpha=0.8, iters=300, lamb=0.3, ntrain=200),
    dict(data="moons", n=300, noise=0.15, dataseed=1, layers=[2, 4, 4, 4, 2], seed=11,
         alpha=1.0, iters=400, lamb=0.0, ntrain=150),
    # Asked for with alpha 0.5, but on the unscaled iris features gradient descent
    # with alpha >= 0.25 oscillates (the cost rises on 171 of 500 iterations at 0.5)
    # and is chaotic: a 1e-15 change in the initial weights moves the cost by 112%
    # (first past 1e-11 at iteration 149). alpha 0.2 descends monotonically and is
    # stable (2e-15); 0.22 is too, 0.25 is not.
    dict(data="iris", n=150, noise=None, dataseed=None, layers=[4, 6, 3], seed=2,
         alpha=0.2, iters=500, lamb=0.1, ntrain=150),
    dict(data="moons", n=1000, noise=0.1, dataseed=0, layers=[2, 5, 5, 2], seed=3,
         alpha=0.5, iters=5000, lamb=0.0, ntrain=500),
]


def load_data(cfg):
    if cfg["data"] == "iris":
        path = os.environ.get("IRIS_CSV", IRIS)
        raw = np.loadtxt(path, delimiter=",", skiprows=1)
        X = raw[:, :4].astype(float)
        y = raw[:, 4].astype(int)
        assert X.shape == (150, 4)
        return X, y
    return make_moons(n_samples=cfg["n"], noise=cfg["noise"], random_state=cfg["dataseed"])


def sigmoid_exp_up(z):
    return 1 / (1 + np.nextafter(np.exp(-z), np.inf))


def train(cfg, X, y, init, perturb_exp=False):
    saved = tutorial.sigmoid
    if perturb_exp:
        tutorial.sigmoid = sigmoid_exp_up
    try:
        return tutorial.train_network(X[:cfg["ntrain"]], y[:cfg["ntrain"]], dict(init),
                                      cfg["alpha"], cfg["iters"], cfg["lamb"])
    finally:
        tutorial.sigmoid = saved


def rel(a, b):
    return float(np.max(np.abs(a - b) / np.abs(a)))


def rows(a):
    return [[float(v) for v in r] for r in a]


def thetas_json(T):
    return {str(k): rows(T[k]) for k in sorted(T)}


def run(cfg):
    X, y = load_data(cfg)
    np.random.seed(cfg["seed"])
    init = tutorial.init_thetas(cfg["layers"])
    thetas, costs = train(cfg, X, y, init)

    _, c1 = train(cfg, X, y, {k: v * (1 + 1e-15) for k, v in init.items()})
    _, c2 = train(cfg, X, y, init, perturb_exp=True)
    s1, s2 = rel(costs, c1), rel(costs, c2)

    Xt, yt = X[:cfg["ntrain"]], y[:cfg["ntrain"]]
    _, A = tutorial.forward_prop(X[:10], thetas)
    L = len(thetas) + 1
    pred = tutorial.predict(X, thetas)
    out = {
        "config": cfg,
        "init_thetas": thetas_json(init),
        "costs": [float(c) for c in costs],
        "final_cost_with_lamb": float(tutorial.calculate_cost(Xt, yt, thetas, cfg["lamb"])),
        "thetas": thetas_json(thetas),
        "accuracy_all": float(np.mean(pred == y)),
        "accuracy_train": float(np.mean(tutorial.predict(Xt, thetas) == yt)),
        "predict_all": [int(v) for v in pred],
        "proba_first10": rows(A[L]),
        "stability": max(s1, s2),
        "stability_detail": {"thetas_times_1p1e-15": s1, "exp_plus_1ulp": s2},
    }
    if cfg["data"] == "iris":
        out["note"] = ("alpha 0.2, not the 0.5 first asked for: with alpha >= 0.25 gradient "
                       "descent on the unscaled iris features oscillates and a 1e-15 change "
                       "in the initial weights moves the cost by more than 100%")
    print("%-6s layers=%-14s seed=%-3d iters=%-5d cost %.6f -> %.6f  acc %.4f/%.4f  "
          "stability thetas %.2e exp %.2e" % (
              cfg["data"], ",".join(map(str, cfg["layers"])), cfg["seed"], cfg["iters"],
              costs[0], costs[-1], out["accuracy_all"], out["accuracy_train"], s1, s2))
    return out


def check_reference():
    """Re-derive testdata/reference/take1.json with this code: the costs must agree."""
    with open(TAKE1) as f:
        ref = json.load(f)
    cfg = dict(ref["config"])
    X, y = make_moons(n_samples=cfg["n"], noise=cfg["noise"], random_state=cfg["dataseed"])
    np.random.seed(cfg["seed"])
    init = tutorial.init_thetas(cfg["layers"])
    _, costs = tutorial.train_network(X[:cfg["ntrain"]], y[:cfg["ntrain"]], init,
                                      cfg["alpha"], cfg["iters"], cfg["lamb"])
    d = rel(np.array(ref["costs"]), costs)
    print("take1.json re-derived: max relative cost difference %.3g" % d)
    # Not always 0: OpenBLAS picks its dot kernels by CPU (see README), which moves
    # the last bit of some costs. take1.json was made with the Haswell kernels.
    assert d < 1e-13


def blas():
    try:
        import threadpoolctl
        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        return None


def main():
    if "--check" in sys.argv:
        check_reference()
    runs = []
    for cfg in RUNS:
        r = run(cfg)
        if r["stability"] >= TOL:
            sys.exit("unstable run %r: %g" % (cfg, r["stability"]))
        runs.append(r)
    out = {
        "generator": {"script": "docs/numpy/gen_runs.py", "numpy": np.__version__,
                      "sklearn": sklearn.__version__, "python": sys.version.split()[0], "blas": blas()},
        "runs": runs,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()

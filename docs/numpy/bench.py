#!/usr/bin/python3
"""Benchmark of the tutorial's own numpy code, for comparison with the Go port.

Run from the repository root:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 docs/numpy/bench.py [--json] [--no-sklearn] [--scaling]

For each case it times one full gradient-descent iteration exactly as the body
of train_network's loop (forward_prop, calculate_cost, backpropagation, the
update of every Theta), in-process, repeated, and reports the median and the
minimum in microseconds. "grid" times the tutorial's predict on the 1000 x 1000
grid that plot_decision_boundary builds. Optionally, scikit-learn's
MLPClassifier configured as the same full-batch sigmoid network is timed per
iteration (epoch), and PyTorch's float64 autograd on one thread doing the same
iteration (skipped if torch is missing or with --no-torch). "digits" (64-25-10)
and "iris" (4-10-3) read testdata/digits.csv.gz and testdata/iris.csv and
standardize them with scikit-learn's StandardScaler. With --scaling it times instead how one iteration grows
with m and with the width of the hidden layers (ann's BenchmarkScaling). The
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE variables must be unset (the env -u
above): where they are set, they slow OpenBLAS down. The
table goes to stdout; with --json the table goes to stderr and a JSON object
to stdout.
"""
import datetime
import json
import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import make_moons

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tutorial import (backpropagation, calculate_cost, forward_prop,  # noqa: E402
                      init_thetas, predict)


def one_iteration(X_train, y_train, Thetas, alpha, lamb=0):
    """The body of train_network's loop, verbatim (cost stored in a local)."""
    Z, A = forward_prop(X_train, Thetas)
    cost = calculate_cost(X_train, y_train, Thetas, lamb)
    Theta_grads = backpropagation(X_train, y_train, A, Z, Thetas, lamb)
    for i in range(1, len(Thetas) + 1):
        Thetas[i] = Thetas[i] - alpha * Theta_grads[i]
    return cost


def timeit(fn, reps, warmup=2):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), min(ts)


def bench_iteration(name, X, y, layers, reps):
    np.random.seed(0)
    Thetas = init_thetas(layers)
    med, mn = timeit(lambda: one_iteration(X, y, Thetas, 0.5), reps)
    return {"case": name, "what": "one gradient-descent iteration", "m": int(X.shape[0]),
            "layers": layers, "reps": reps, "median_us": med * 1e6, "min_us": mn * 1e6}


def bench_grid(X, reps):
    np.random.seed(0)
    Thetas = init_thetas([2, 5, 5, 2])
    xmin, xmax = X[:, 0].min() - 1, X[:, 0].max() + 1
    ymin, ymax = X[:, 1].min() - 1, X[:, 1].max() + 1
    steps = 1000
    xx, yy = np.meshgrid(np.linspace(xmin, xmax, steps), np.linspace(ymin, ymax, steps))
    G = np.c_[xx.ravel(), yy.ravel()]
    med, mn = timeit(lambda: predict(G, Thetas), reps, warmup=1)
    return {"case": "grid", "what": "predict on a 1000x1000 grid", "m": int(G.shape[0]),
            "layers": [2, 5, 5, 2], "reps": reps, "median_us": med * 1e6, "min_us": mn * 1e6}


def load_standardized(path, skip):
    from sklearn.preprocessing import StandardScaler
    data = np.loadtxt(path, delimiter=",", skiprows=skip)
    X, y = data[:, :-1], data[:, -1].astype(int)
    return StandardScaler().fit_transform(X), y


def bench_torch(name, X, y, layers, reps):
    """One full-batch iteration in PyTorch float64 on one thread: forward,
    cross-entropy cost, autograd backward and the update, as one_iteration."""
    import torch
    torch.set_num_threads(1)
    np.random.seed(0)
    Thetas = init_thetas(layers)
    W = [torch.tensor(Thetas[i], dtype=torch.float64, requires_grad=True)
         for i in range(1, len(layers))]
    Xt = torch.tensor(X, dtype=torch.float64)
    Y = torch.nn.functional.one_hot(torch.tensor(y), layers[-1]).to(torch.float64)
    ones = torch.ones(X.shape[0], 1, dtype=torch.float64)

    def it():
        a = Xt
        for Wl in W:
            a = torch.sigmoid(torch.cat([ones, a], 1) @ Wl.T)
        J = -(Y * torch.log(a) + (1 - Y) * torch.log(1 - a)).sum() / X.shape[0]
        J.backward()
        with torch.no_grad():
            for Wl in W:
                Wl -= 0.5 * Wl.grad
                Wl.grad = None
    med, mn = timeit(it, reps)
    return {"case": name + "-torch", "what": "PyTorch float64, 1 thread, one iteration",
            "m": int(X.shape[0]), "layers": layers, "reps": reps,
            "median_us": med * 1e6, "min_us": mn * 1e6}


def bench_sklearn(name, X, y, iters, reps, hidden=(5, 5)):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    def fit():
        clf = MLPClassifier(hidden_layer_sizes=hidden, activation="logistic", solver="sgd",
                            batch_size=X.shape[0], learning_rate_init=0.5, momentum=0.0,
                            nesterovs_momentum=False, alpha=0.0, shuffle=False,
                            max_iter=iters, tol=0.0, n_iter_no_change=iters + 1,
                            random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(X, y)
        assert clf.n_iter_ == iters
    med, mn = timeit(fit, reps, warmup=1)
    return {"case": name + "-sklearn", "what": "MLPClassifier sgd full batch, per iteration "
            "(fit of %d iterations / %d)" % (iters, iters), "m": int(X.shape[0]),
            "layers": [X.shape[1], *hidden, int(y.max()) + 1], "reps": reps,
            "median_us": med / iters * 1e6, "min_us": mn / iters * 1e6}


def machine():
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "numpy": np.__version__, "sklearn": sklearn.__version__,
            "script": "docs/numpy/bench.py",
            "env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                               "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
                    if k in os.environ}}
    try:
        import threadpoolctl
        info["blas"] = [{k: i.get(k) for k in ("internal_api", "version", "architecture",
                                                "num_threads")}
                        for i in threadpoolctl.threadpool_info()]
    except ImportError:
        pass
    return info


def main():
    as_json = "--json" in sys.argv
    table = sys.stderr if as_json else sys.stdout
    info = machine()
    print("# %s, %s cores, %s" % (info["cpu"], info["nproc"], info["date"]), file=table)
    print("# numpy %s, scikit-learn %s, BLAS %s" % (info["numpy"], info["sklearn"],
                                                    info.get("blas")), file=table)

    X, y = make_moons(n_samples=1000, noise=0.1, random_state=0)
    X100k, y100k = make_moons(n_samples=100000, noise=0.1, random_state=0)
    X10k, y10k = make_moons(n_samples=10000, noise=0.1, random_state=0)
    Xd, yd = load_standardized("testdata/digits.csv.gz", 0)
    Xi, yi = load_standardized("testdata/iris.csv", 1)
    todo = [
        lambda: bench_iteration("take1", X, y, [2, 5, 5, 2], 200),
        lambda: bench_iteration("take2", X[:500], y[:500], [2, 5, 5, 2], 200),
        lambda: bench_iteration("m100k", X100k, y100k, [2, 5, 5, 2], 15),
        lambda: bench_iteration("wide", X10k, y10k, [2, 64, 64, 2], 30),
        lambda: bench_iteration("digits", Xd, yd, [64, 25, 10], 100),
        lambda: bench_iteration("iris", Xi, yi, [4, 10, 3], 500),
        lambda: bench_grid(X, 7),
    ]
    if "--scaling" in sys.argv:
        # How the time grows with m (2-5-5-2) and with the hidden width w
        # (2-w-w-2, m = 10000): the cases of ann's BenchmarkScaling.
        todo = []
        for m in (1000, 10000, 100000):
            Xm, ym = make_moons(n_samples=m, noise=0.1, random_state=0)
            todo.append(lambda Xm=Xm, ym=ym, m=m: bench_iteration("m=%d" % m, Xm, ym, [2, 5, 5, 2],
                                                               max(5, 200000 // m)))
        for w in (5, 16, 32, 64, 128):
            todo.append(lambda w=w: bench_iteration("width=%d" % w, X10k, y10k, [2, w, w, 2], 20))
    elif "--no-sklearn" not in sys.argv:
        todo += [lambda: bench_sklearn("take1", X, y, 200, 7),
                 lambda: bench_sklearn("take2", X[:500], y[:500], 200, 7),
                 lambda: bench_sklearn("m100k", X100k, y100k, 10, 3),
                 lambda: bench_sklearn("wide", X10k, y10k, 10, 5, (64, 64)),
                 lambda: bench_sklearn("digits", Xd, yd, 50, 5, (25,)),
                 lambda: bench_sklearn("iris", Xi, yi, 500, 5, (10,))]
    if "--scaling" not in sys.argv and "--no-torch" not in sys.argv:
        try:
            import torch  # noqa: F401
            todo += [lambda: bench_torch("take1", X, y, [2, 5, 5, 2], 200),
                     lambda: bench_torch("take2", X[:500], y[:500], [2, 5, 5, 2], 200),
                     lambda: bench_torch("m100k", X100k, y100k, [2, 5, 5, 2], 15),
                     lambda: bench_torch("wide", X10k, y10k, [2, 64, 64, 2], 30),
                     lambda: bench_torch("digits", Xd, yd, [64, 25, 10], 100),
                     lambda: bench_torch("iris", Xi, yi, [4, 10, 3], 500)]
        except ImportError:
            pass

    print("%-14s %7s %-10s %5s %14s %14s" % ("case", "m", "layers", "reps", "median_us",
                                            "min_us"), file=table)
    results = []
    for job in todo:
        r = job()
        results.append(r)
        print("%-14s %7d %-10s %5d %14.1f %14.1f" % (
            r["case"], r["m"], ",".join(map(str, r["layers"])), r["reps"], r["median_us"],
            r["min_us"]), file=table, flush=True)
    if as_json:
        json.dump({"generator": info, "results": results}, sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()

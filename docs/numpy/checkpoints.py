#!/usr/bin/python3
"""The numbers of docs/checkpoints.md, from the tutorial's own numpy code.

Run from the repository root (needs numpy and scikit-learn; never needed by tests):

    /usr/bin/python3 docs/numpy/checkpoints.py

It uses tutorial.py (the tutorial's cells 2-6, 9 and 10, with the characters lost
from the text restored) and prints, for a 2-3-2 network with the weights of
np.random.seed(0) and the first example of make_moons(1000, noise=0.1,
random_state=0): z, a, J, delta and D with lamb = 0 and 1, as `ann trace -layers
2,3,2` does; then the costs of Take 1 and Take 2 at a few iterations, as
`ann train -out DIR` writes them to DIR/costs.csv.
"""
import os
import sys

import numpy as np
from sklearn.datasets import make_moons

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tutorial  # noqa: E402

np.set_printoptions(precision=6, suppress=True, floatmode="fixed")

print("g(0) =", tutorial.sigmoid(0.0), " g'(0) =", tutorial.sigmoid_gradient(0.0))
print("K ln 2 = %.6f" % (2 * np.log(2)))

X, y = make_moons(n_samples=1000, noise=0.1, random_state=0)
np.random.seed(0)
Thetas = tutorial.init_thetas([2, 3, 2])
x, label = X[:1], y[:1]  # the first example, as a 1 x 2 array: m = 1
print("\nx =", x[0], " label =", label[0])
for l in (1, 2):
    print("Theta%d =\n%s" % (l, Thetas[l]))
Z, A = tutorial.forward_prop(x, Thetas)
print("z2 =", Z[2][0], " a2 =", A[2][0])
print("z3 =", Z[3][0], " a3 =", A[3][0])
# backpropagation's d is internal; recompute delta the way it does
y_mat = np.eye(2)[label, :]
d3 = A[3] - y_mat
d2 = d3.dot(Thetas[2][:, 1:]) * tutorial.sigmoid_gradient(Z[2])
print("delta3 =", d3[0], " delta2 =", d2[0])
# The tutorial's calculate_cost and backpropagation take K from np.unique(y),
# which is 1 for a single example (errata.md, "K comes from np.unique(y)"), so
# for this one example their lines are written out here with K = 2.
h = A[3]
for lamb in (0.0, 1.0):
    m = 1
    J = - (1 / m) * (y_mat * np.log(h) + (1 - y_mat) * np.log(1 - h)).sum()
    J += (lamb / (2 * m)) * sum(np.sum(Thetas[i][:, 1:] ** 2) for i in Thetas)
    print("\nlamb = %g: J = %.6f" % (lamb, J))
    for l, d in ((1, d2), (2, d3)):
        reg = np.append(np.zeros([Thetas[l].shape[0], 1]), (lamb / m) * Thetas[l][:, 1:], axis=1)
        print("D%d =\n%s" % (l, (1 / m) * d.T.dot(A[l]) + reg))

for name, rows, iters, show in (("Take 1", 1000, 1000, (1, 2, 10, 100, 1000)),
                                ("Take 2", 500, 5000, (1, 2, 10, 100, 1000, 2000, 3000, 5000))):
    np.random.seed(0)
    init = tutorial.init_thetas([2, 5, 5, 2])
    Trained, costs = tutorial.train_network(X[:rows], y[:rows], init, 0.5, iters)
    print("\n%s: costs[n-1] at iteration n" % name)
    for n in show:
        print("%d,%r" % (n, costs[n - 1]))
    print("accuracy on all 1000: %.3f" % np.mean(tutorial.predict(X, Trained) == y))

#!/usr/bin/python3
"""A model saved by `ann train -out DIR`, used from numpy and from PyTorch.

Run from the repository root, after `go run ./cmd/ann train -first 500 -iters 5000 -out run`
(needs numpy, scikit-learn and torch; never needed by tests):

    /usr/bin/python3 docs/numpy/beyond.py [run/model.npz]

1. numpy: the tutorial's own predict (cell 4, docs/numpy/tutorial.py) on the
   Thetas that np.load reads from model.npz.
2. PyTorch: an nn.Sequential of Linear and Sigmoid layers in float64 whose
   weights are the Thetas (column 0 is the bias), checked to give the same
   outputs as numpy.
3. Training continued in PyTorch: 1000 more iterations of the tutorial's batch
   gradient descent (the tutorial's cost, torch's autograd for the gradient),
   then Adam on all 1000 points; the result is saved as run/model-torch.npz, in
   the same format, which `ann predict -model` reads.
"""
import os
import sys

import numpy as np
import torch
from sklearn.datasets import make_moons

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tutorial  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join("run", "model.npz")
X, y = make_moons(n_samples=1000, noise=0.1, random_state=0)

# 1. numpy: the arrays are Theta1, Theta2, ..., each s_{l+1} x (s_l + 1).
npz = np.load(path)
Thetas = {}
while "Theta%d" % (len(Thetas) + 1) in npz.files:
    Thetas[len(Thetas) + 1] = npz["Theta%d" % (len(Thetas) + 1)]
print("read %s: %s" % (path, ", ".join("Theta%d %dx%d" % ((l,) + Thetas[l].shape) for l in Thetas)))
labels = tutorial.predict(X, Thetas)
print("numpy, the tutorial's predict: accuracy %.3f on all 1000, %.3f on the first 500"
      % (np.mean(labels == y), np.mean(labels[:500] == y[:500])))
_, A = tutorial.forward_prop(X, Thetas)
h_numpy = A[len(Thetas) + 1]
print("numpy, the tutorial's cost on the first 500: %.6f" % tutorial.calculate_cost(X[:500], y[:500], Thetas))

# 2. PyTorch: Linear(s_l, s_{l+1}) computes x W^T + b, so W = Theta[:, 1:], b = Theta[:, 0].
torch.set_default_dtype(torch.float64)
layers = []
for l in sorted(Thetas):
    T = torch.from_numpy(Thetas[l])
    lin = torch.nn.Linear(T.shape[1] - 1, T.shape[0])
    with torch.no_grad():
        lin.weight.copy_(T[:, 1:])
        lin.bias.copy_(T[:, 0])
    layers += [lin, torch.nn.Sigmoid()]
model = torch.nn.Sequential(*layers)
print(model)
Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
with torch.no_grad():
    h_torch = model(Xt).numpy()
print("PyTorch vs numpy outputs: largest difference %.1e" % np.abs(h_torch - h_numpy).max())


def cost(model, X, y):
    """The tutorial's cost (lamb = 0): cross-entropy summed over the K outputs, averaged over m."""
    h = model(X)
    Y = torch.nn.functional.one_hot(y, h.shape[1]).to(h.dtype)
    return torch.nn.functional.binary_cross_entropy(h, Y, reduction="sum") / X.shape[0]


# 3a. The tutorial's gradient descent, continued: alpha 0.5 on the first 500 points.
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for it in range(1000):
    opt.zero_grad()
    J = cost(model, Xt[:500], yt[:500])
    J.backward()
    opt.step()
with torch.no_grad():
    print("after 1000 more iterations of gradient descent: cost %.6f on the first 500"
          % cost(model, Xt[:500], yt[:500]).item())

# 3b. Something the tutorial does not do: Adam, on all 1000 points.
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for it in range(500):
    opt.zero_grad()
    J = cost(model, Xt, yt)
    J.backward()
    opt.step()
with torch.no_grad():
    acc = (model(Xt).argmax(dim=1) == yt).double().mean().item()
    print("after 500 iterations of Adam on all 1000: cost %.6f, accuracy %.3f" % (cost(model, Xt, yt).item(), acc))

# Back to ann's format: Theta = [b | W].
out = os.path.join(os.path.dirname(path), "model-torch.npz")
lins = [m for m in model if isinstance(m, torch.nn.Linear)]
np.savez(out, **{"Theta%d" % (i + 1): np.hstack([m.bias.detach().numpy()[:, None], m.weight.detach().numpy()])
                 for i, m in enumerate(lins)})
print("wrote", out)

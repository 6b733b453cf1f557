#!/usr/bin/python3
"""Pins of numpy's legacy RandomState (MT19937) stream -> testdata/numpy/random.json.

Run from the repository root:

    /usr/bin/python3 docs/numpy/gen_random.py

Besides recording numpy's outputs, the script checks them against a small
pure-Python MT19937 written from the algorithm the Go port follows (seeding,
tempering, rand = (a>>5, b>>6) / 2**53, shuffle by masked rejection,
the legacy polar normal with its cached value), so a failure of these asserts
means the algorithm as described here is wrong, not only the Go code.
"""
import json
import math
import os
import sys

import numpy as np
import sklearn

OUT = os.path.join("testdata", "numpy", "random.json")


class MT:
    """Minimal MT19937 + numpy legacy distributions, for cross-checking."""

    def __init__(self, seed):
        self.key = [0] * 624
        self.key[0] = seed & 0xFFFFFFFF
        for i in range(1, 624):
            prev = self.key[i - 1]
            self.key[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF
        self.pos = 624
        self.has_gauss = False
        self.gauss = 0.0

    def _gen(self):
        k = self.key
        for i in range(624):
            y = (k[i] & 0x80000000) | (k[(i + 1) % 624] & 0x7FFFFFFF)
            v = k[(i + 397) % 624] ^ (y >> 1)
            if y & 1:
                v ^= 0x9908B0DF
            k[i] = v
        self.pos = 0

    def next32(self):
        if self.pos == 624:
            self._gen()
        y = self.key[self.pos]
        self.pos += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & 0xFFFFFFFF

    def rand(self):
        a = self.next32() >> 5
        b = self.next32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0

    def interval(self, mx):
        if mx == 0:
            return 0
        mask = mx
        for s in (1, 2, 4, 8, 16):
            mask |= mask >> s
        while True:
            v = self.next32() & mask
            if v <= mx:
                return v

    def shuffle(self, a):
        for i in range(len(a) - 1, 0, -1):
            j = self.interval(i)
            a[i], a[j] = a[j], a[i]

    def gauss_(self):
        if self.has_gauss:
            self.has_gauss = False
            return self.gauss
        while True:
            x1 = 2.0 * self.rand() - 1.0
            x2 = 2.0 * self.rand() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                break
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        self.gauss = f * x1
        self.has_gauss = True
        return f * x2


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def main():
    out = {
        "generator": {
            "script": "docs/numpy/gen_random.py",
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
            "python": sys.version.split()[0],
        }
    }

    np.random.seed(0)
    out["seed0_rand"] = floats(np.random.rand(10))
    np.random.seed(42)
    out["seed42_rand"] = floats(np.random.rand(10))
    np.random.seed(42)
    out["seed42_rand_2x3"] = [floats(r) for r in np.random.rand(2, 3)]

    for name, seed in (("seed0", 0), ("seedmax", 4294967295)):
        rs = np.random.RandomState(seed)
        out[name + "_uint32"] = ints(rs.randint(0, 2**32, size=8, dtype=np.uint32))
        out[name + "_key_head"] = ints(np.random.RandomState(seed).get_state()[1][:5])

    out["seed0_permutation10"] = ints(np.random.RandomState(0).permutation(10))
    out["seed3_permutation7"] = ints(np.random.RandomState(3).permutation(7))
    out["seed1_permutation1000"] = ints(np.random.RandomState(1).permutation(1000))

    out["seed0_normal5"] = floats(np.random.RandomState(0).normal(size=5))
    out["seed7_normal_loc1_scale2_3"] = floats(
        np.random.RandomState(7).normal(loc=1, scale=2, size=3))
    rs = np.random.RandomState(0)
    out["seed0_normal_then_rand"] = [float(rs.normal()), float(rs.rand()), float(rs.normal())]

    rs = np.random.RandomState(5)
    a = np.arange(12)
    rs.shuffle(a)
    out["seed5_shuffle"] = ints(a)

    # ---- cross-check against the pure-Python model ----
    def rands(seed, n):
        m = MT(seed)
        return [m.rand() for _ in range(n)]

    assert rands(0, 10) == out["seed0_rand"]
    assert rands(42, 10) == out["seed42_rand"]
    assert [rands(42, 6)[:3], rands(42, 6)[3:]] == out["seed42_rand_2x3"]
    for name, seed in (("seed0", 0), ("seedmax", 4294967295)):
        m = MT(seed)
        assert m.key[:5] == out[name + "_key_head"]
        assert [m.next32() for _ in range(8)] == out[name + "_uint32"]

    def perm(seed, n):
        a = list(range(n))
        MT(seed).shuffle(a)
        return a

    assert perm(0, 10) == out["seed0_permutation10"]
    assert perm(3, 7) == out["seed3_permutation7"]
    assert perm(1, 1000) == out["seed1_permutation1000"]
    assert perm(5, 12) == out["seed5_shuffle"]

    def close(a, b):
        return all(abs(x - y) <= 1e-15 * max(1.0, abs(y)) for x, y in zip(a, b))

    m = MT(0)
    assert close([m.gauss_() for _ in range(5)], out["seed0_normal5"])
    m = MT(7)
    assert close([1 + 2 * m.gauss_() for _ in range(3)], out["seed7_normal_loc1_scale2_3"])
    m = MT(0)
    assert close([m.gauss_(), m.rand(), m.gauss_()], out["seed0_normal_then_rand"])
    # the interleaved rand() must not discard the cached Gaussian:
    rs = np.random.RandomState(0)
    two = rs.normal(size=2)
    assert out["seed0_normal_then_rand"][2] == float(two[1])

    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()

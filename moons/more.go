package moons

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// XOR returns n points scattered uniformly over the square [-1, 1]², labeled
// by the exclusive or of their signs: 1 in the second and fourth quadrants,
// 0 in the first and third. No straight line separates the classes, so a
// network needs a hidden layer to learn it. X is n x 2.
//
// Drawn from numpy's legacy stream for seed, in this order:
//
//	x1, x2 = 2u - 1, 2u - 1       u uniform in [0, 1): 2n draws, row by row
//	label  = 1 if (x1 > 0) ≠ (x2 > 0), else 0      (a coordinate 0 counts as not positive)
//	x     += normal(0, noise)     2n draws, row by row, when noise > 0
//
// The labels are those of the points before the noise, so noise blurs the
// boundary. In numpy:
//
//	rs = np.random.RandomState(seed)
//	X = 2*rs.rand(n, 2) - 1
//	y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(int)
//	X += rs.normal(scale=noise, size=(n, 2))      # if noise > 0
//
// It panics if n or noise is out of Make's range.
func XOR(n int, noise float64, seed uint32) (X *matrix.Dense, y []int) {
	mustArgs("XOR", n, noise)
	rs := nprand.New(seed)
	X = matrix.New(n, 2)
	for i := range X.Data {
		X.Data[i] = 2*rs.Float64() - 1 // 2u is exact, so a fused 2u-1 rounds the same
	}
	y = make([]int, n)
	for i := range y {
		if (X.At(i, 0) > 0) != (X.At(i, 1) > 0) {
			y[i] = 1
		}
	}
	if noise > 0 {
		addNoise(rs, X, noise)
	}
	return X, y
}

// Spiral returns K spirals winding out of the center side by side (the
// classic two-spiral problem for K = 2, a variant of the CS231n spiral data),
// label j on arm j. X is n x 2. Each arm holds n/K points (rounded down), and
// the last n mod K arms one more, so K = 2 gives n/2 points of label 0 and
// n - n/2 of label 1, like Make.
//
// Arm j with c points runs t over matrix.Linspace(0.1, 1, c, true) (c = 1 gives t = 0.1):
//
//	θ  = 4t + 2πj/K          each arm turns 4 radians, the arms 2π/K apart
//	x1 = t cos θ
//	x2 = t sin θ
//
// The rows, arm 0 first, are then shuffled and the noise added exactly as in
// Make: one permutation of numpy's legacy stream for seed, then
// normal(0, noise) on every coordinate, row by row, when noise > 0. In numpy:
//
//	t = np.linspace(0.1, 1, c); theta = 4*t + 2*np.pi*j/K
//	X_j = np.c_[t*np.cos(theta), t*np.sin(theta)]          # then stack the arms
//	rs = np.random.RandomState(seed); idx = rs.permutation(n); X, y = X[idx], y[idx]
//	X += rs.normal(scale=noise, size=(n, 2))               # if noise > 0
//
// It panics if n or noise is out of Make's range, or K < 2.
func Spiral(n int, noise float64, seed uint32, K int) (X *matrix.Dense, y []int) {
	mustArgs("Spiral", n, noise)
	if K < 2 {
		panic(fmt.Sprintf("moons: Spiral: K = %d, want at least 2 arms", K))
	}
	X = matrix.New(n, 2)
	y = make([]int, 0, n)
	for j := 0; j < K; j++ {
		c := n / K
		if j >= K-n%K {
			c++
		}
		phase := 2 * math.Pi * float64(j) / float64(K)
		for _, t := range matrix.Linspace(0.1, 1, c, true) {
			theta := float64(4*t) + phase // as numpy: round 4t, then add (no FMA)
			i := len(y)
			X.Set(i, 0, t*math.Cos(theta))
			X.Set(i, 1, t*math.Sin(theta))
			y = append(y, j)
		}
	}
	rs := nprand.New(seed)
	X, y = shuffleRows(rs, X, y)
	if noise > 0 {
		addNoise(rs, X, noise)
	}
	return X, y
}

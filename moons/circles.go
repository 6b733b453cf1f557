package moons

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// Circles returns a large circle around a smaller one, exactly as
// scikit-learn 1.2's
// datasets.make_circles(n_samples=n, noise=noise, random_state=seed, factor=factor)
// makes them: X is n x 2, y holds n labels 0 (outer) or 1 (inner).
//
// With n_out = n/2 (rounded down) points on the outer circle and
// n_in = n - n_out on the inner one (an odd n puts the extra point inside), and
// t running over count angles that stop short of 2π (numpy's
// linspace(0, 2π, count, endpoint=False): t_i = i * (2π/count)):
//
//	outer (label 0):  x1 = cos t,           x2 = sin t
//	inner (label 1):  x1 = (cos t) factor,  x2 = (sin t) factor
//
// The rows are then shuffled and the noise added exactly as in Make: one
// permutation of X and y together, then normal(0, noise) on every coordinate,
// drawn row by row from the same stream.
//
// It panics if n or noise is out of Make's range, or if factor is not in
// [0, 1) (scikit-learn raises a ValueError there); check values a user typed
// before calling it.
func Circles(n int, noise float64, seed uint32, factor float64) (X *matrix.Dense, y []int) {
	mustArgs("Circles", n, noise)
	if !(factor >= 0 && factor < 1) {
		panic(fmt.Sprintf("moons: Circles: factor %v is not in [0, 1)", factor))
	}
	nOut := n / 2
	nIn := n - nOut
	X = matrix.New(n, 2)
	y = make([]int, n)
	for i, t := range matrix.Linspace(0, 2*math.Pi, nOut, false) {
		X.Set(i, 0, math.Cos(t))
		X.Set(i, 1, math.Sin(t))
	}
	for i, t := range matrix.Linspace(0, 2*math.Pi, nIn, false) {
		X.Set(nOut+i, 0, math.Cos(t)*factor)
		X.Set(nOut+i, 1, math.Sin(t)*factor)
		y[nOut+i] = 1
	}
	rs := nprand.New(seed)
	X, y = shuffleRows(rs, X, y)
	if noise > 0 {
		addNoise(rs, X, noise)
	}
	return X, y
}

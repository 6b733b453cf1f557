// Package moons makes the two-moons data set of the tutorial's "Generating a
// data set" section, exactly as scikit-learn's
// datasets.make_moons(n_samples, noise=noise, random_state=seed) makes it
// (scikit-learn 1.2, numpy's legacy random stream).
//
// With n_out = n/2 (rounded down) points on the outer moon and n_in = n - n_out
// on the inner one, and t running over linspace(0, π, count) for each:
//
//	outer (label 0):  x1 = cos t,      x2 = sin t
//	inner (label 1):  x1 = 1 - cos t,  x2 = 1 - sin t - 0.5
//
// The rows are then shuffled (one permutation of X and y together, numpy's
// shuffle) and, when noise > 0, normal(0, noise) is added to every
// coordinate, drawn row by row from the same stream.
//
// Labels and the order of the rows match scikit-learn exactly. Coordinates
// agree to about 1e-15: Go's math.Cos and math.Sin may differ from the C
// library's in the last bit.
//
// Beyond the tutorial, the package makes three more two-dimensional data sets
// from the same stream, for trying the network on other shapes: Circles
// (scikit-learn's make_circles, exactly), XOR and Spiral (formulas in their
// documentation).
package moons

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// Make returns the shuffled two moons: X is n x 2, y holds n labels 0 or 1.
// noise is the standard deviation of the Gaussian noise (0 for none) and seed
// is scikit-learn's random_state. It panics if n is negative or more than
// matrix.MaxElements/2 (X's n x 2 values), or noise is negative, NaN or
// infinite; check values a user typed before calling it.
func Make(n int, noise float64, seed uint32) (X *matrix.Dense, y []int) {
	return generate(n, noise, seed, true)
}

// MakeUnshuffled is Make with shuffle=False: the outer moon's points first, in
// order of t, then the inner moon's.
func MakeUnshuffled(n int, noise float64, seed uint32) (X *matrix.Dense, y []int) {
	return generate(n, noise, seed, false)
}

func generate(n int, noise float64, seed uint32, shuffle bool) (*matrix.Dense, []int) {
	mustArgs("Make", n, noise)
	nOut := n / 2
	nIn := n - nOut
	X := matrix.New(n, 2)
	y := []int{}
	for i, t := range matrix.Linspace(0, math.Pi, nOut, true) {
		X.Set(i, 0, math.Cos(t))
		X.Set(i, 1, math.Sin(t))
		y = append(y, 0)
	}
	for i, t := range matrix.Linspace(0, math.Pi, nIn, true) {
		X.Set(nOut+i, 0, 1-math.Cos(t))
		X.Set(nOut+i, 1, 1-math.Sin(t)-0.5)
		y = append(y, 1)
	}
	rs := nprand.New(seed)
	if shuffle {
		X, y = shuffleRows(rs, X, y)
	}
	if noise > 0 {
		addNoise(rs, X, noise)
	}
	return X, y
}

// mustArgs panics unless n points of two coordinates fit in a matrix (at
// most matrix.MaxElements values) and noise is a finite number >= 0: the
// arguments every generator here takes.
func mustArgs(name string, n int, noise float64) {
	if n < 0 || n > matrix.MaxElements/2 {
		panic(fmt.Sprintf("moons: %s: n = %d, want 0 to matrix.MaxElements/2 = %d", name, n, matrix.MaxElements/2))
	}
	if !(finite.Is(noise) && noise >= 0) {
		panic(fmt.Sprintf("moons: %s: noise %v, want a finite number >= 0", name, noise))
	}
}

// shuffleRows returns X and y with their rows in the order of one numpy
// permutation drawn from rs, as scikit-learn's utils.shuffle(X, y) does.
func shuffleRows(rs *nprand.State, X *matrix.Dense, y []int) (*matrix.Dense, []int) {
	p := rs.Permutation(X.Rows)
	Xs := matrix.New(X.Rows, X.Cols)
	ys := make([]int, len(y))
	for i, src := range p {
		copy(Xs.Row(i), X.Row(src))
		ys[i] = y[src]
	}
	return Xs, ys
}

// addNoise adds normal(0, scale) to every element of X, drawn from rs in
// row-major order, as X += rs.normal(scale=scale, size=X.shape) does.
func addNoise(rs *nprand.State, X *matrix.Dense, scale float64) {
	for i := range X.Data {
		X.Data[i] += rs.Normal(0, scale)
	}
}

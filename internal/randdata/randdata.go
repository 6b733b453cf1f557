// Package randdata makes the random examples and grids that the tests of
// several packages share, from numpy's random stream so that they are the
// same on every machine.
package randdata

import (
	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// Examples returns m examples of n features uniform in [-2, 2) and labels in
// 0..K-1, every class present when m >= K.
func Examples(m, n, K int, seed uint32) (*matrix.Dense, []int) {
	rs := nprand.New(seed)
	X := matrix.New(m, n)
	for i := range X.Data {
		X.Data[i] = float64(4*rs.Float64()) - 2
	}
	y := make([]int, m)
	for i := range y {
		y[i] = i % K
	}
	rs.Shuffle(m, func(i, j int) { y[i], y[j] = y[j], y[i] })
	return X, y
}

// Axis returns n values uniform in [-3, 3), unsorted, as a grid's axis may be.
func Axis(n int, seed uint32) []float64 {
	rs := nprand.New(seed)
	v := make([]float64, n)
	for i := range v {
		v[i] = float64(6*rs.Float64()) - 3 // 6u rounded: no FMA, the same values on every CPU
	}
	return v
}

// GridPoints returns the points of the grid xs × ys, one per row, point
// (xs[i], ys[j]) in row j*len(xs)+i: the tutorial's np.c_[xx.ravel(),
// yy.ravel()] for xx, yy = np.meshgrid(xs, ys).
func GridPoints(xs, ys []float64) *matrix.Dense {
	P := matrix.New(len(xs)*len(ys), 2)
	for j, y := range ys {
		for i, x := range xs {
			P.Set(j*len(xs)+i, 0, x)
			P.Set(j*len(xs)+i, 1, y)
		}
	}
	return P
}

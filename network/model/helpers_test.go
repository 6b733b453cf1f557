package model

import (
	"math"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// gridPoints returns the points of the grid xs × ys, one per row, in
// GridProbabilities' order: what the tutorial's predict is given.
func gridPoints(xs, ys []float64) *matrix.Dense {
	P := matrix.New(len(xs)*len(ys), 2)
	for j, y := range ys {
		for i, x := range xs {
			P.Set(j*len(xs)+i, 0, x)
			P.Set(j*len(xs)+i, 1, y)
		}
	}
	return P
}

// randomAxis returns n values uniform in [-3, 3), unsorted, as a grid allows.
func randomAxis(n int, seed uint32) []float64 {
	rs := nprand.New(seed)
	v := make([]float64, n)
	for i := range v {
		v[i] = 6*rs.Float64() - 3
	}
	return v
}

func near(a, b *matrix.Dense, tol float64) bool {
	if !matrix.SameShape(a, b) {
		return false
	}
	for i, v := range a.Data {
		if !(math.Abs(v-b.Data[i]) <= tol) { // NaN is never near
			return false
		}
	}
	return true
}

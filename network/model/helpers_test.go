package model

import (
	"math"

	"github.com/ann-go/ann/matrix"
)

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

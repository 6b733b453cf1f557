// Package finite holds the one test the whole module makes of a float64
// before it trusts it: not NaN and not ±Inf. The tutorial's numpy code lets
// a nan run on through training ("Training the model") with at most a
// warning; here a data file, a flag, a weight or a cost that is not finite
// is reported as an error where it enters:
//
//	finite(x)  ⇔  x ∉ {NaN, +Inf, -Inf}  ⇔  -MaxFloat64 ≤ x ≤ MaxFloat64
package finite

import "math"

// Is reports whether x is neither NaN nor infinite.
func Is(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Index returns the index of the first number of v that is NaN or
// infinite, or -1 if all are finite.
func Index(v []float64) int {
	for i, x := range v {
		if !Is(x) {
			return i
		}
	}
	return -1
}

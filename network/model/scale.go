package model

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
)

// Scaler standardizes features: column j of a matrix becomes
// (x - Mean[j]) / Std[j]. Fit it on the training rows only and transform
// every set the network sees with it, so that test rows are scaled as the
// training rows were; a Model carries the one its network was trained
// with.
type Scaler struct {
	Mean, Std []float64
}

// FitScaler returns the Scaler of X's columns. For each column of m values,
// with the sums taken in row order, it computes what scikit-learn 1.2's
// StandardScaler().fit(X) computes as mean_ and scale_:
//
//	mean = (Σ x) / m
//	d    = x - mean
//	var  = (Σ d² - (Σ d)²/m) / m          the corrected two-pass variance, ddof 0
//	Std  = √var, or 1 if var ≤ m ε var + (m ε mean)²
//
// where ε = 2⁻⁵² is the float64 machine epsilon. The last line is
// scikit-learn's test for a constant column (zero variance, up to the
// rounding error of computing it); such a column gets Std 1, so Transform
// maps it to zeros instead of dividing by zero.
//
// Where those formulas would overflow (a sum or a square beyond the float64
// range: values from about 1e154 up), FitScaler divides the column by a
// power of two s > max |x| first, which is exact, applies the same formulas
// to x/s, and multiplies mean and Std by s again. There scikit-learn returns
// Inf, NaN or a Std of 1; FitScaler, the column's mean and deviation. (At the
// other end it follows scikit-learn: a column whose deviations are all below
// about 1e-154 has squares that underflow to 0, and counts as constant.)
// Mean and Std are always finite and Std > 0. It panics if X has no rows,
// or holds a NaN or an Inf.
func FitScaler(X *matrix.Dense) *Scaler {
	if X.Rows == 0 {
		panic("model: FitScaler of a matrix with no rows")
	}
	s := &Scaler{Mean: make([]float64, X.Cols), Std: make([]float64, X.Cols)}
	col := make([]float64, X.Rows)
	for j := range X.Cols {
		big := 0.0
		for i := range col {
			col[i] = X.Data[i*X.Cols+j]
			if !finite.Is(col[i]) {
				panic(fmt.Sprintf("model: FitScaler: X[%d][%d] is %v", i, j, col[i]))
			}
			big = max(big, math.Abs(col[i]))
		}
		if mean, std, ok := fitColumn(col); ok {
			s.Mean[j], s.Std[j] = mean, std
			if std == 0 {
				s.Std[j] = 1
			}
			continue
		}
		// Something overflowed, so big > 1e150. Scale by s = 2^e > big:
		// x/s is exact but for values below big by more than 2¹⁰²², too
		// small to change the sums.
		_, e := math.Frexp(big)
		for i, x := range col {
			col[i] = math.Ldexp(x, -e)
		}
		mean, std, _ := fitColumn(col) // |x/s| < 1: nothing overflows
		s.Mean[j] = math.Ldexp(mean, e)
		// The deviation is at most (max - min)/2 ≤ big, so only rounding
		// can take it past the largest float64.
		std = min(math.Ldexp(std, e), math.MaxFloat64)
		if std == 0 {
			std = 1
		}
		s.Std[j] = std
	}
	return s
}

// fitColumn returns the mean and Std of one column, as FitScaler's formulas
// state them but with 0 for a constant column's Std, and whether every step
// stayed within the float64 range.
func fitColumn(col []float64) (mean, std float64, ok bool) {
	m := float64(len(col))
	for _, x := range col {
		mean += x
	}
	mean /= m
	var corr, sq float64 // Σ d, zero but for rounding, and Σ d²
	for _, x := range col {
		d := x - mean
		corr += d
		sq += float64(d * d) // numpy squares, then sums: no FMA
	}
	const eps = 0x1p-52
	v := (sq - float64(corr*corr)/m) / m
	b := float64(m*mean) * eps
	bound := float64(float64(m*eps)*v) + float64(b*b)
	if !finite.Is(mean) || !finite.Is(sq) || !finite.Is(corr) || !finite.Is(v) || !finite.Is(bound) {
		return 0, 0, false
	}
	if v <= bound {
		return mean, 0, true
	}
	return mean, math.Sqrt(v), true
}

// Transform returns a new matrix holding X standardized: element {i, j} is
// (X[i][j] - Mean[j]) / Std[j]. If an element of X is not finite, or its
// standardized value is beyond the float64 range (a value far outside the
// rows the Scaler was fitted on, such as 1e300 in a column of Std 1e-10), it
// returns nil and an error naming the row and the column (counted from 0).
// It panics if X's column count differs from the scaler's.
func (s *Scaler) Transform(X *matrix.Dense) (*matrix.Dense, error) {
	s.check("Transform", X)
	Z := matrix.New(X.Rows, X.Cols)
	for i := range X.Rows {
		z := Z.Row(i)
		for j, x := range X.Row(i) {
			if !finite.Is(x) {
				return nil, fmt.Errorf("model: Transform: row %d, column %d is %v", i, j, x)
			}
			var ok bool
			if z[j], ok = s.standardize(j, x); !ok {
				return nil, fmt.Errorf("model: Transform: row %d, column %d: %s", i, j, s.beyond(j, x))
			}
		}
	}
	return Z, nil
}

// standardize returns (x - Mean[j]) / Std[j] for a finite x, and whether it
// is within the float64 range.
func (s *Scaler) standardize(j int, x float64) (float64, bool) {
	z := (x - s.Mean[j]) / s.Std[j]
	if !finite.Is(z) {
		// x - mean may overflow where the quotient does not: divide
		// both by 4 first (exact, as the values are large).
		z = (math.Ldexp(x, -2) - math.Ldexp(s.Mean[j], -2)) / math.Ldexp(s.Std[j], -2)
	}
	return z, finite.Is(z)
}

// beyond says why standardize(j, x) failed.
func (s *Scaler) beyond(j int, x float64) string {
	return fmt.Sprintf("(%v - mean %v) / std %v is beyond the float64 range", x, s.Mean[j], s.Std[j])
}

// InverseTransform undoes Transform: element {i, j} of the new matrix is
// Z[i][j]·Std[j] + Mean[j]. If an element of Z is not finite or the result
// is beyond the float64 range, it returns nil and an error naming the row
// and the column (counted from 0). It panics if Z's column count differs
// from the scaler's.
func (s *Scaler) InverseTransform(Z *matrix.Dense) (*matrix.Dense, error) {
	s.check("InverseTransform", Z)
	X := matrix.New(Z.Rows, Z.Cols)
	for i := range Z.Rows {
		x := X.Row(i)
		for j, z := range Z.Row(i) {
			if !finite.Is(z) {
				return nil, fmt.Errorf("model: InverseTransform: row %d, column %d is %v", i, j, z)
			}
			x[j] = float64(z*s.Std[j]) + s.Mean[j]
			if !finite.Is(x[j]) {
				// z·std may overflow where the sum does not: compute a
				// quarter of it, then multiply by 4 (both exact).
				x[j] = math.Ldexp(float64(math.Ldexp(z, -2)*s.Std[j])+math.Ldexp(s.Mean[j], -2), 2)
			}
			if !finite.Is(x[j]) {
				return nil, fmt.Errorf("model: InverseTransform: row %d, column %d: %v · std %v + mean %v is beyond the float64 range",
					i, j, z, s.Std[j], s.Mean[j])
			}
		}
	}
	return X, nil
}

func (s *Scaler) check(fn string, X *matrix.Dense) {
	if X.Cols != len(s.Mean) || len(s.Std) != len(s.Mean) {
		panic(fmt.Sprintf("model: Scaler.%s of %d columns, the scaler has %d means and %d deviations",
			fn, X.Cols, len(s.Mean), len(s.Std)))
	}
}

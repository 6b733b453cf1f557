package dataset

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/matrix"
)

// Scaler standardizes features: column j of a matrix becomes
// (x - Mean[j]) / Std[j]. Fit it on the training rows only and apply it to
// every set the network sees, so that test rows are scaled as the training
// rows were.
type Scaler struct {
	Mean, Std []float64
}

// FitScaler returns the Scaler of X's columns, exactly as scikit-learn 1.2's
// StandardScaler().fit(X) computes mean_ and scale_: for each column of m
// values, with the sums taken in row order,
//
//	mean = (Σ x) / m
//	d    = x - mean
//	var  = (Σ d² - (Σ d)²/m) / m          the corrected two-pass variance, ddof 0
//	Std  = √var, or 1 if var ≤ m ε var + (m ε mean)²
//
// where ε = 2⁻⁵² is the float64 machine epsilon. The last line is
// scikit-learn's test for a constant column (zero variance, up to the
// rounding error of computing it); such a column gets Std 1, so Apply maps it
// to zeros instead of dividing by zero. It panics if X has no rows.
func FitScaler(X *matrix.Dense) *Scaler {
	if X.Rows == 0 {
		panic("dataset: FitScaler of a matrix with no rows")
	}
	m := float64(X.Rows)
	s := &Scaler{Mean: make([]float64, X.Cols), Std: make([]float64, X.Cols)}
	for i := 0; i < X.Rows; i++ {
		for j, x := range X.Row(i) {
			s.Mean[j] += x
		}
	}
	for j := range s.Mean {
		s.Mean[j] /= m
	}
	corr := make([]float64, X.Cols) // Σ d, zero but for rounding
	sq := make([]float64, X.Cols)   // Σ d²
	for i := 0; i < X.Rows; i++ {
		for j, x := range X.Row(i) {
			d := x - s.Mean[j]
			corr[j] += d
			sq[j] += float64(d * d) // numpy squares, then sums: no FMA
		}
	}
	const eps = 0x1p-52
	for j, mean := range s.Mean {
		v := (sq[j] - corr[j]*corr[j]/m) / m
		b := float64(m*mean) * eps
		if v <= float64(float64(m*eps)*v)+float64(b*b) {
			s.Std[j] = 1
		} else {
			s.Std[j] = math.Sqrt(v)
		}
	}
	return s
}

// Apply returns a new matrix holding X standardized: element {i, j} is
// (X[i][j] - Mean[j]) / Std[j]. It panics if X's column count differs from
// the scaler's.
func (s *Scaler) Apply(X *matrix.Dense) *matrix.Dense {
	if X.Cols != len(s.Mean) || len(s.Std) != len(s.Mean) {
		panic(fmt.Sprintf("dataset: Scaler.Apply to %d columns, the scaler has %d means and %d deviations",
			X.Cols, len(s.Mean), len(s.Std)))
	}
	Z := matrix.New(X.Rows, X.Cols)
	for i := 0; i < X.Rows; i++ {
		z := Z.Row(i)
		for j, x := range X.Row(i) {
			z[j] = (x - s.Mean[j]) / s.Std[j]
		}
	}
	return Z
}

package network

import (
	"math"

	"github.com/ann-go/ann/matrix"
)

// Predict returns the class of each example of X, the tutorial's predict:
// forward propagation, then the index of the largest output unit,
// np.argmax(h, axis=1), ties going to the first. It panics like Forward, and
// if an output is NaN (from weights that are not finite: see Check).
func Predict(n *Network, X *matrix.Dense) []int {
	h := Forward(n, X).H() // K x m, one example per column
	for _, v := range h.Data {
		if math.IsNaN(v) {
			panic("network: Predict: an output is NaN; are the weights finite?")
		}
	}
	return matrix.ArgmaxRows(matrix.T(h)) // np.argmax(h, axis=1) on the m x K h
}

// Accuracy returns the fraction of the labels y that Predict gets right, 0
// when there are no examples. It panics like Forward, and if y does not hold
// one class per example.
func Accuracy(n *Network, X *matrix.Dense, y []int) float64 {
	n.mustX(X)
	n.mustLabels(y, X.Rows)
	if len(y) == 0 {
		return 0
	}
	right := 0
	for i, c := range Predict(n, X) {
		if c == y[i] {
			right++
		}
	}
	return float64(right) / float64(len(y))
}

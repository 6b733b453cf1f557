package network

import (
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/sigmoid"
)

// Pass is what forward propagation computes, by the tutorial's layer numbers:
// Z[l] = z^(l) for l = 2..L and A[l] = a^(l) for l = 1..L, one example per
// column (see the package doc). A[L] is the hypothesis h.
type Pass struct {
	Z, A []*matrix.Dense
}

// H returns the hypothesis h = a^(L), K x m: column i holds the output units
// for example i.
func (p *Pass) H() *matrix.Dense { return p.A[len(p.A)-1] }

// Forward runs forward propagation on the examples X (m x n, one per row), the
// tutorial's forward_prop:
//
//	a^(1) = [1; Xᵀ],  z^(l+1) = Θ^(l) a^(l),  a^(l+1) = [1; g(z^(l+1))],  a^(L) = g(z^(L))
//
// It panics if n is not a network or X does not fit its input layer (see
// CheckX).
func Forward(n *Network, X *matrix.Dense) *Pass {
	n.mustX(X)
	L := n.L()
	Z := make([]*matrix.Dense, L+1)
	A := make([]*matrix.Dense, L+1)
	A[1] = matrix.WithBiasRow(matrix.T(X))
	for l := 1; l < L; l++ {
		Z[l+1] = matrix.Mul(n.Theta[l], A[l])
		if l+1 == L {
			A[L] = sigmoid.Apply(Z[L]) // the output layer: no bias unit
		} else {
			A[l+1] = matrix.WithBiasRow(matrix.Apply(n.Hidden.G, Z[l+1]))
		}
	}
	return &Pass{Z: Z, A: A}
}

// Predict returns the class of each example of X, the tutorial's predict:
// forward propagation, then the index of the largest output unit,
// np.argmax(h, axis=1), ties going to the first. It panics like Forward.
func Predict(n *Network, X *matrix.Dense) []int {
	h := Forward(n, X).H()                // K x m, one example per column
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

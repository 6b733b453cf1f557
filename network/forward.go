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
// for example i. It panics if p holds no layers.
func (p *Pass) H() *matrix.Dense {
	if p == nil || len(p.A) == 0 {
		panic("network: an empty Pass: make one with Forward")
	}
	return p.A[len(p.A)-1]
}

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

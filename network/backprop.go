package network

import "github.com/ann-go/ann/matrix"

// Backprop returns the gradients D[l] = ∂J/∂Θ^(l), l = 1..L-1, for the forward
// pass p of examples with labels y: the tutorial's backpropagation,
// Tutorial.Backward(n, p, y, lambda).D.
//
//	δ^(L) = a^(L) - y
//	δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l))     for l = L-1 down to 2
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ
//	D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), with 0 for the bias column's λ term
//
// It panics if p is not a pass of n, a label is not a class or there are no
// examples.
func Backprop(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense {
	return Tutorial.Backward(n, p, y, lambda).D
}

// Backward runs backpropagation with the steps s and returns every quantity
// it computes, by the tutorial's layer numbers (see Backward's fields). With
// s = Tutorial it is the tutorial's backpropagation. It panics like Backprop.
func (s Steps) Backward(n *Network, p *Pass, y []int, lambda float64) *Backward {
	L := n.L()
	h := checkPass(n, p)
	m := h.Cols
	n.mustLabels(y, m)
	if m == 0 {
		panic("network: the gradients of no examples")
	}
	mustLambda(lambda)

	b := &Backward{Y: s.Y(y, n.K()), SmallDelta: make([]*matrix.Dense, L+1),
		Delta: make([]*matrix.Dense, L), Reg: make([]*matrix.Dense, L), D: make([]*matrix.Dense, L)}
	b.SmallDelta[L] = s.Output(h, b.Y)
	for l := L - 1; l >= 2; l-- {
		b.SmallDelta[l] = s.Hidden(n.Hidden, n.Theta[l], b.SmallDelta[l+1], p.A[l])
	}
	for l := 1; l < L; l++ {
		b.Delta[l] = s.Delta(b.SmallDelta[l+1], p.A[l])
		b.Reg[l] = s.Reg(n.Theta[l], lambda, m)
		b.D[l] = s.D(b.Delta[l], b.Reg[l], m)
	}
	return b
}

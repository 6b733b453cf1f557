package network

import "github.com/ann-go/ann/matrix"

// Backprop returns the gradients D[l] = ∂J/∂Θ^(l), l = 1..L-1, for the forward
// pass p of examples with labels y: the tutorial's backpropagation.
//
//	δ^(L) = a^(L) - y
//	δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l))     for l = L-1 down to 2
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ
//	D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), with 0 for the bias column's λ term
//
// g'(z^(l)) is computed from a^(l), which the forward pass holds, instead of
// evaluating the sigmoid twice more as the tutorial's sigmoid_gradient does;
// the numbers are the same. It panics if p is not a pass of n, a label is
// not a class or there are no examples.
func Backprop(n *Network, p *Pass, y []int, lambda float64) []*matrix.Dense {
	L := n.L()
	h := checkPass(n, p)
	m := h.Cols
	n.mustLabels(y, m)
	if m == 0 {
		panic("network: the gradients of no examples")
	}
	mustLambda(lambda)

	delta := make([]*matrix.Dense, L+1)
	delta[L] = matrix.Sub(h, OneHot(y, n.K()))
	for l := L - 1; l >= 2; l-- {
		ThetaT := matrix.T(matrix.DropFirstCol(n.Theta[l]))             // (Θ^(l)_{:,1:})ᵀ
		gPrime := matrix.Apply(n.Hidden.GradFromA, dropBiasRow(p.A[l])) // g'(z^(l)) from a^(l)
		delta[l] = matrix.MulElem(matrix.Mul(ThetaT, delta[l+1]), gPrime)
	}

	D := make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		Delta := matrix.MulT(delta[l+1], p.A[l]) // δ^(l+1) (a^(l))ᵀ
		reg := matrix.Scale(lambda/float64(m), n.Theta[l])
		for j := 0; j < reg.Rows; j++ {
			reg.Set(j, 0, 0) // the bias weights are not regularized
		}
		D[l] = matrix.Add(matrix.Scale(1/float64(m), Delta), reg)
	}
	return D
}

// dropBiasRow returns a^(l) without its bias row: g(z^(l)).
func dropBiasRow(a *matrix.Dense) *matrix.Dense {
	return &matrix.Dense{Rows: a.Rows - 1, Cols: a.Cols, Data: a.Data[a.Cols:]}
}

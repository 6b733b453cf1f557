// Package bugs holds classic mistakes in backpropagation (the tutorial's
// section "Backpropagation (the hard part)", cell 6), each a copy of
// network.Backprop with one line wrong, for showing that a gradient check
// (network.CheckGradientsOf) catches them. The correct steps are
//
//	δ^(L) = a^(L) - y
//	δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)),  l = L-1, ..., 2
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ
//	D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), the λ term 0 in column 0
//
// and each bug breaks one of them; the line that does is marked "BUG:".
// Nothing here is for training: network.Backprop is the tutorial's.
package bugs

import (
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Bug is one mistake.
type Bug struct {
	// Name is what ann gradcheck -bug takes.
	Name string
	// Mistake says in one line what the copy of Backprop gets wrong.
	Mistake string
	// Lambda is a λ that shows the mistake: 0 unless the mistake is in the λ
	// term, which a check with λ = 0 cannot see.
	Lambda float64
	// Backprop is the wrong backpropagation, with network.Backprop's
	// signature. It expects, as network.CheckGradientsOf makes sure, a
	// forward pass p of n and labels that are classes.
	Backprop func(n *network.Network, p *network.Pass, y []int, lambda float64) []*matrix.Dense
}

// All lists the bugs.
var All = []Bug{
	{Name: "reg-bias", Mistake: "regularizes the bias column too: (λ/m) Θ^(l) in column 0 of D^(l)", Lambda: 1, Backprop: RegBias},
	{Name: "no-m", Mistake: "forgets the 1/m: D^(l) = Δ^(l) + (λ/m) Θ^(l) (also -bug no-1/m)", Backprop: NoM},
	{Name: "no-gprime", Mistake: "drops g': δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1), without .* g'(z^(l))", Backprop: NoGPrime},
	{Name: "bias-delta", Mistake: "uses all of Θ^(l) for δ^(l), s_l+1 rows, then drops the last row instead of row 0 (the bias unit's)", Backprop: BiasDelta},
}

// Find returns the bug with the given name ("no-1/m" is "no-m").
func Find(name string) (Bug, bool) {
	if name == "no-1/m" {
		name = "no-m"
	}
	for _, b := range All {
		if b.Name == name {
			return b, true
		}
	}
	return Bug{}, false
}

// RegBias is Backprop with the λ term in the bias column too.
func RegBias(n *network.Network, p *network.Pass, y []int, lambda float64) []*matrix.Dense {
	L, m := n.L(), p.H().Cols
	delta := make([]*matrix.Dense, L+1)
	delta[L] = matrix.Sub(p.H(), network.OneHot(y, n.K()))
	for l := L - 1; l >= 2; l-- {
		ThetaT := matrix.T(matrix.DropFirstCol(n.Theta[l]))
		gPrime := matrix.Apply(n.Hidden.GradientFromA, dropBiasRow(p.A[l]))
		delta[l] = matrix.MulElem(matrix.Mul(ThetaT, delta[l+1]), gPrime)
	}
	D := make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		Delta := matrix.MulT(delta[l+1], p.A[l])
		reg := matrix.Scale(lambda/float64(m), n.Theta[l]) // BUG: column 0, the bias weights, is not set to 0
		D[l] = matrix.Add(matrix.Scale(1/float64(m), Delta), reg)
	}
	return D
}

// NoM is Backprop without the 1/m in front of Δ^(l).
func NoM(n *network.Network, p *network.Pass, y []int, lambda float64) []*matrix.Dense {
	L, m := n.L(), p.H().Cols
	delta := make([]*matrix.Dense, L+1)
	delta[L] = matrix.Sub(p.H(), network.OneHot(y, n.K()))
	for l := L - 1; l >= 2; l-- {
		ThetaT := matrix.T(matrix.DropFirstCol(n.Theta[l]))
		gPrime := matrix.Apply(n.Hidden.GradientFromA, dropBiasRow(p.A[l]))
		delta[l] = matrix.MulElem(matrix.Mul(ThetaT, delta[l+1]), gPrime)
	}
	D := make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		Delta := matrix.MulT(delta[l+1], p.A[l])
		reg := noBiasReg(n.Theta[l], lambda, m)
		D[l] = matrix.Add(Delta, reg) // BUG: Δ^(l) is not multiplied by 1/m
	}
	return D
}

// NoGPrime is Backprop without the factor g'(z^(l)) in δ^(l).
func NoGPrime(n *network.Network, p *network.Pass, y []int, lambda float64) []*matrix.Dense {
	L, m := n.L(), p.H().Cols
	delta := make([]*matrix.Dense, L+1)
	delta[L] = matrix.Sub(p.H(), network.OneHot(y, n.K()))
	for l := L - 1; l >= 2; l-- {
		ThetaT := matrix.T(matrix.DropFirstCol(n.Theta[l]))
		delta[l] = matrix.Mul(ThetaT, delta[l+1]) // BUG: no .* g'(z^(l))
	}
	D := make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		Delta := matrix.MulT(delta[l+1], p.A[l])
		D[l] = matrix.Add(matrix.Scale(1/float64(m), Delta), noBiasReg(n.Theta[l], lambda, m))
	}
	return D
}

// BiasDelta is Backprop with the bias unit kept in δ^(l): all of Θ^(l)
// gives s_l + 1 rows, row 0 the bias unit's, and one row too many must go
// before Δ^(l-1) = δ^(l) (a^(l-1))ᵀ. This copy drops the last row, so each
// hidden unit gets the δ of the unit before it.
func BiasDelta(n *network.Network, p *network.Pass, y []int, lambda float64) []*matrix.Dense {
	L, m := n.L(), p.H().Cols
	delta := make([]*matrix.Dense, L+1)
	delta[L] = matrix.Sub(p.H(), network.OneHot(y, n.K()))
	for l := L - 1; l >= 2; l-- {
		ThetaT := matrix.T(n.Theta[l])                         // BUG: Θ^(l), not Θ^(l)_{:,1:}: s_l + 1 rows
		gPrime := matrix.Apply(n.Hidden.GradientFromA, p.A[l]) // g' of every row of a^(l), the bias unit's too
		full := matrix.MulElem(matrix.Mul(ThetaT, delta[l+1]), gPrime)
		delta[l] = &matrix.Dense{Rows: full.Rows - 1, Cols: full.Cols, Data: full.Data[:len(full.Data)-full.Cols]} // BUG: drops the last row, not row 0
	}
	D := make([]*matrix.Dense, L)
	for l := 1; l < L; l++ {
		Delta := matrix.MulT(delta[l+1], p.A[l])
		D[l] = matrix.Add(matrix.Scale(1/float64(m), Delta), noBiasReg(n.Theta[l], lambda, m))
	}
	return D
}

// noBiasReg returns (λ/m) Θ with column 0 set to 0: Backprop's λ term.
func noBiasReg(Theta *matrix.Dense, lambda float64, m int) *matrix.Dense {
	reg := matrix.Scale(lambda/float64(m), Theta)
	for j := 0; j < reg.Rows; j++ {
		reg.Set(j, 0, 0) // the bias weights are not regularized
	}
	return reg
}

// dropBiasRow returns a^(l) without its bias row: g(z^(l)).
func dropBiasRow(a *matrix.Dense) *matrix.Dense {
	return &matrix.Dense{Rows: a.Rows - 1, Cols: a.Cols, Data: a.Data[a.Cols:]}
}

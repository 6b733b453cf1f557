package network

import "github.com/ann-go/ann/matrix"

// Steps are the steps of backpropagation, one function each, so that a
// variation of the tutorial's backpropagation (a classic mistake, for one) is
// Tutorial with one field replaced. Each function allocates its result.
type Steps struct {
	// Y returns the one-hot y, K x m, of the labels (numpy: y_mat.T).
	Y func(y []int, K int) *matrix.Dense
	// Output returns δ^(L) from h = a^(L) and the one-hot y.
	Output func(h, Y *matrix.Dense) *matrix.Dense
	// Hidden returns δ^(l) from Θ^(l), δ^(l+1) and a^(l) (with its bias
	// row), for the hidden layers' activation g.
	Hidden func(g Activation, Theta, deltaNext, a *matrix.Dense) *matrix.Dense
	// Delta returns Δ^(l) from δ^(l+1) and a^(l).
	Delta func(deltaNext, a *matrix.Dense) *matrix.Dense
	// Reg returns D^(l)'s λ term from Θ^(l), λ and m.
	Reg func(Theta *matrix.Dense, lambda float64, m int) *matrix.Dense
	// D returns D^(l) from Δ^(l), the λ term and m.
	D func(Delta, reg *matrix.Dense, m int) *matrix.Dense
}

// Backward is what backpropagation computes, by the tutorial's layer numbers
// (nil where the tutorial has no key), one example per column.
type Backward struct {
	Y          *matrix.Dense   // the one-hot y, K x m
	SmallDelta []*matrix.Dense // δ^(l), l = 2..L (numpy: d[l].T)
	Delta      []*matrix.Dense // Δ^(l), l = 1..L-1 (numpy: Deltas[l])
	Reg        []*matrix.Dense // the λ term of D^(l), l = 1..L-1 (numpy: Theta_regs[l])
	D          []*matrix.Dense // D^(l) = ∂J/∂Θ^(l), l = 1..L-1 (numpy: Theta_grads[l])
}

// Tutorial are the tutorial's steps:
//
//	y        the one-hot labels: OneHot
//	δ^(L) = a^(L) - y
//	δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)), g'(z^(l)) from a^(l) without its bias row
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ
//	λ term  (λ/m) Θ^(l), column 0 (the bias weights) set to 0
//	D^(l) = (1/m) Δ^(l) + λ term
//
// g'(z^(l)) is computed from a^(l), which the forward pass holds, instead of
// evaluating the sigmoid twice more as the tutorial's sigmoid_gradient does;
// the numbers are the same.
var Tutorial = Steps{
	Y:      OneHot,
	Output: matrix.Sub,
	Hidden: func(g Activation, Theta, deltaNext, a *matrix.Dense) *matrix.Dense {
		ThetaT := matrix.T(matrix.DropFirstCol(Theta)) // (Θ^(l)_{:,1:})ᵀ
		gPrime := matrix.Apply(g.GradientFromA, DropBiasRow(a))
		return matrix.MulElem(matrix.Mul(ThetaT, deltaNext), gPrime)
	},
	Delta: matrix.MulT, // δ^(l+1) (a^(l))ᵀ
	Reg: func(Theta *matrix.Dense, lambda float64, m int) *matrix.Dense {
		reg := matrix.Scale(lambda/float64(m), Theta)
		for j := 0; j < reg.Rows; j++ {
			reg.Set(j, 0, 0) // the bias weights are not regularized
		}
		return reg
	},
	D: func(Delta, reg *matrix.Dense, m int) *matrix.Dense {
		return matrix.Add(matrix.Scale(1/float64(m), Delta), reg)
	},
}

// DropBiasRow returns a^(l) without its bias row, g(z^(l)), sharing a's
// data.
func DropBiasRow(a *matrix.Dense) *matrix.Dense {
	return &matrix.Dense{Rows: a.Rows - 1, Cols: a.Cols, Data: a.Data[a.Cols:]}
}

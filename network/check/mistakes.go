// Package check finds the first step where a learner's own network, written
// beside the tutorial in numpy or in Go, computes something else than the
// tutorial's, and names the classic mistake whose numbers equal theirs (the
// sections "Forward propagation", "Cost function", "Backpropagation" and
// "Training the model"). It recomputes every quantity from the learner's own
// Θ and X, in the tutorial's order:
//
//	A1, Z2, A2, ..., ZL, AL     forward propagation (numpy's layout, m x (s_l + 1), or ann's, its transpose)
//	J                           the cost
//	dL, ..., d2                 δ^(L) = a^(L) - y,  δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l))
//	Delta1, ..., D1, ...        Δ^(l) = δ^(l+1) (a^(l))ᵀ,  D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), no λ on column 0
//	costs, Trained1, ...        train_network: costs[n] = J before update n, Θ := Θ - α D
//	costs2                      a second train_network from the same Thetas (Take 2)
//	Init1, ...                  cell 9's initial weights, after np.random.seed(seed)
//
// and each agrees when |got - expected| <= Tolerance · max(1, |expected|).
// Mistakes lists the mistakes it knows; each backpropagation mistake is the
// tutorial's network.Tutorial with one step replaced.
package check

import (
	"math"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Mistake is one classic mistake in writing the tutorial's network.
type Mistake struct {
	// Name is what ann check prints and ann gradcheck -bug takes.
	Name string
	// What says in one line what the code with the mistake computes.
	What string
	// Numpy is the line of the tutorial's numpy code with the mistake.
	Numpy string
	// Lambda is a λ that shows the mistake: 0 unless the mistake is in the
	// λ term, which λ = 0 hides.
	Lambda float64
	// Steps is backpropagation with the mistake: network.Tutorial unless
	// the mistake is in backpropagation.
	Steps network.Steps
	// Cost, if not nil, is the cost with the mistake, in place of
	// network.CostOf.
	Cost func(n *network.Network, p *network.Pass, y []int, lambda float64) float64
	// InPlace is the mistake of training: the update changes the caller's
	// Thetas in place, so that a second train_network from them (the
	// tutorial's Take 2) starts from the first one's result.
	InPlace bool
	// Stream is the mistake of initialization: the initial weights are
	// drawn in the right range from another random stream than
	// np.random.seed(seed) followed by np.random.rand.
	Stream bool
}

// Gradient reports whether a gradient check can see the mistake: whether it
// is in the cost or in backpropagation rather than in training.
func (mk Mistake) Gradient() bool { return !mk.InPlace && !mk.Stream }

// Mistakes are the mistakes check knows, in the tutorial's order.
var Mistakes = []Mistake{
	{Name: "label-vector", What: "δ^(L) = a^(L) - label: the label vector broadcast against the outputs instead of the one-hot y",
		Numpy: "d[L] = A[L] - y.reshape(-1, 1)", Steps: with(func(s *network.Steps) { s.Output = labelVector })},
	{Name: "mean-cost", What: "J = the mean over examples and outputs, np.mean, where the sum over k divided by m is needed",
		Numpy: "J = - np.mean(y_mat * np.log(h) + (1 - y_mat) * np.log(1 - h))", Steps: network.Tutorial, Cost: meanCost},
	{Name: "no-gprime", What: "drops g': δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1), without .* g'(z^(l))",
		Numpy: "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:])", Steps: with(func(s *network.Steps) { s.Hidden = noGPrime })},
	{Name: "gprime-of-a", What: "g' of a instead of z: δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(a^(l)), sigmoid_gradient applied to A",
		Numpy: "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:]) * sigmoid_gradient(A[L-i][:,1:])", Steps: with(func(s *network.Steps) { s.Hidden = gPrimeOfA })},
	{Name: "bias-delta", What: "uses all of Θ^(l) for δ^(l), s_l+1 rows, then drops the last row instead of row 0 (the bias unit's)",
		Numpy: "d[L-i] = (d[L-i+1].dot(Thetas[L-i]) * (A[L-i] * (1 - A[L-i])))[:,:-1]", Steps: with(func(s *network.Steps) { s.Hidden = biasDelta })},
	{Name: "bias-last", What: "drops the last column of Θ^(l) instead of the first, the bias weights: δ^(l) = (Θ^(l)_{:,:-1})ᵀ δ^(l+1) .* g'(z^(l))",
		Numpy: "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,:-1]) * sigmoid_gradient(Z[L-i])", Steps: with(func(s *network.Steps) { s.Hidden = biasLast })},
	{Name: "transposed-delta", What: "Δ^(l) = a^(l) (δ^(l+1))ᵀ, the transpose, reshaped to Θ^(l)'s shape",
		Numpy: "Deltas[L-i] = A[L-i].T.dot(d[L-i+1]).reshape(Thetas[L-i].shape)", Steps: with(func(s *network.Steps) { s.Delta = transposedDelta })},
	{Name: "reg-bias", What: "regularizes the bias column too: (λ/m) Θ^(l) in column 0 of D^(l)", Lambda: 1,
		Numpy: "Theta_regs[L-i] = (lamb / m) * Thetas[L-i]", Steps: with(func(s *network.Steps) { s.Reg = regBias })},
	{Name: "no-m", What: "forgets the 1/m: D^(l) = Δ^(l) + (λ/m) Θ^(l)",
		Numpy: "Theta_grads[L-i] = Deltas[L-i] + Theta_regs[L-i]", Steps: with(func(s *network.Steps) { s.D = noM })},
	{Name: "in-place", What: "updates the Thetas in place, so Take 2's \"initial\" weights are Take 1's result",
		Numpy: "Thetas[i] -= alpha * Theta_grads[i]", Steps: network.Tutorial, InPlace: true},
	{Name: "random-stream", What: "draws the initial weights from another random stream (np.random.default_rng, or no seed)",
		Numpy: "Thetas[i] = (np.random.default_rng().random((layers[i], layers[i-1] + 1)) - 0.5) * epsilon", Steps: network.Tutorial, Stream: true},
}

// Find returns the mistake with the given name ("no-1/m" is "no-m").
func Find(name string) (Mistake, bool) {
	if name == "no-1/m" {
		name = "no-m"
	}
	for _, mk := range Mistakes {
		if mk.Name == name {
			return mk, true
		}
	}
	return Mistake{}, false
}

// with returns network.Tutorial changed by f.
func with(f func(*network.Steps)) network.Steps {
	s := network.Tutorial
	f(&s)
	return s
}

// labelVector is δ^(L) = h - label: each output minus the example's label.
func labelVector(h, Y *matrix.Dense) *matrix.Dense {
	d := h.Copy()
	for i := 0; i < Y.Cols; i++ {
		label := 0.0
		for k := 0; k < Y.Rows; k++ {
			if Y.At(k, i) == 1 {
				label = float64(k)
			}
		}
		for k := 0; k < d.Rows; k++ {
			d.Set(k, i, h.At(k, i)-label)
		}
	}
	return d
}

// meanCost is J with the cross-entropy divided by m K instead of m.
func meanCost(n *network.Network, p *network.Pass, y []int, lambda float64) float64 {
	m := p.H().Cols
	return network.CostOf(n, p, y, 0)/float64(n.K()) + network.Regularization(n, lambda, m)
}

func noGPrime(_ network.Activation, Theta, deltaNext, _ *matrix.Dense) *matrix.Dense {
	return matrix.Mul(matrix.T(matrix.DropFirstCol(Theta)), deltaNext)
}

func gPrimeOfA(g network.Activation, Theta, deltaNext, a *matrix.Dense) *matrix.Dense {
	gPrime := matrix.Apply(func(v float64) float64 { return g.GradientFromA(g.G(v)) }, network.DropBiasRow(a))
	return matrix.MulElem(matrix.Mul(matrix.T(matrix.DropFirstCol(Theta)), deltaNext), gPrime)
}

func biasDelta(g network.Activation, Theta, deltaNext, a *matrix.Dense) *matrix.Dense {
	full := matrix.MulElem(matrix.Mul(matrix.T(Theta), deltaNext), matrix.Apply(g.GradientFromA, a))
	return &matrix.Dense{Rows: full.Rows - 1, Cols: full.Cols, Data: full.Data[:len(full.Data)-full.Cols]}
}

func biasLast(g network.Activation, Theta, deltaNext, a *matrix.Dense) *matrix.Dense {
	noLast := matrix.New(Theta.Rows, Theta.Cols-1)
	for j := 0; j < Theta.Rows; j++ {
		copy(noLast.Row(j), Theta.Row(j)[:Theta.Cols-1])
	}
	gPrime := matrix.Apply(g.GradientFromA, network.DropBiasRow(a))
	return matrix.MulElem(matrix.Mul(matrix.T(noLast), deltaNext), gPrime)
}

func transposedDelta(deltaNext, a *matrix.Dense) *matrix.Dense {
	t := matrix.MulT(a, deltaNext) // (s_l + 1) x s_{l+1}
	return &matrix.Dense{Rows: deltaNext.Rows, Cols: a.Rows, Data: t.Data}
}

func regBias(Theta *matrix.Dense, lambda float64, m int) *matrix.Dense {
	return matrix.Scale(lambda/float64(m), Theta)
}

func noM(Delta, reg *matrix.Dense, _ int) *matrix.Dense { return matrix.Add(Delta, reg) }

// inRange reports whether every weight of Init is within ±ε/2 of the
// tutorial's code for its layer: drawn as cell 9 draws, from some stream.
func inRange(sizes []int, Init []*matrix.Dense) bool {
	for l := 1; l < len(sizes); l++ {
		eps := math.Sqrt(6) / math.Sqrt(float64(sizes[l]+sizes[l-1]+1))
		for _, v := range Init[l].Data {
			if !(math.Abs(v) <= eps/2) {
				return false
			}
		}
	}
	return true
}

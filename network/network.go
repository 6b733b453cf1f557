// Package network is the tutorial's network: forward propagation ("Forward
// propagation (the easy part)", cells 3 and 4), the cost J(Θ) ("Cost
// function", cell 5) and backpropagation ("Backpropagation (the hard part)",
// cell 6).
//
// # Layer numbers
//
// Layers are numbered as in the tutorial: l = 1 is the input layer, l = L the
// output layer. Every slice here that holds one matrix per layer is indexed by
// that l, as the tutorial's dicts are, and leaves the entries the tutorial has
// no key for nil:
//
//	Theta[l]  Θ^(l), l = 1..L-1   s_{l+1} x (s_l + 1), column 0 the bias weights
//	A[l]      a^(l), l = 1..L     (s_l + 1) x m with row 0 the bias units (ones); A[L] is s_L x m
//	Z[l]      z^(l), l = 2..L     s_l x m
//	delta[l]  δ^(l), l = 2..L     s_l x m
//	D[l]      D^(l), l = 1..L-1   the shape of Θ^(l)
//
// Layer sizes s_1..s_L are a plain Go slice, sizes[0] = s_1, as the tutorial's
// list layers = [s1, s2, s3, s4] is.
//
// # One example per column
//
// A data set X is m x n, one example per row, as it is loaded and as the
// tutorial's code holds it. Inside, activations keep one example per column,
// the way the tutorial's equations write them: z^(l+1) = Θ^(l) a^(l). So A[l]
// here is the transpose of the tutorial's A[l] (which is m x (s_l + 1)), and
// every product's innermost loop runs over the m examples.
//
// # The math
//
//	a^(1) = [1; x]                                       bias unit on top
//	z^(l+1) = Θ^(l) a^(l)
//	a^(l+1) = [1; g(z^(l+1))], and h = a^(L) = g(z^(L))   no bias at the output
//
//	J(Θ) = -(1/m) Σ_i Σ_k [ y_k log(h_k) + (1 - y_k) log(1 - h_k) ]
//	       + (λ / 2m) Σ_l Σ_{j, i≥1} (Θ^(l)_{j,i})²       bias column not regularized
//
//	δ^(L) = a^(L) - y
//	δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)),  l = L-1, ..., 2
//	Δ^(l) = δ^(l+1) (a^(l))ᵀ
//	D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l), the λ term 0 in column 0
//
// y is the one-hot form of the labels (K = s_L classes, label k sets y_k = 1).
// The hidden layers use g = the sigmoid unless Network.Hidden says otherwise;
// the output layer is always the sigmoid, which is what makes δ^(L) = a^(L) - y
// the gradient of this cost.
//
// The functions here allocate their results and read like the equations. The
// trainer uses Workspace, which computes the same cost and gradients without
// allocating, in fixed chunks of examples, on several cores. Predict and
// Probabilities are the tutorial's predict, computed the same way;
// PredictGrid and GridProbabilities evaluate the grid of the decision-boundary
// plot (cell 7's plot_decision_boundary), sharing the first layer's work
// between its rows and columns.
package network

import (
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// Network is a feed-forward network: its weights and the activation of its
// hidden layers.
type Network struct {
	// Theta[l] is Θ^(l), l = 1..L-1; Theta[0] is nil.
	Theta []*matrix.Dense
	// Hidden is g for the hidden layers; the zero value is the sigmoid, as in
	// the tutorial. The output layer always uses the sigmoid.
	Hidden Activation
}

// New returns a network with the given weights and sigmoid hidden layers. It
// panics if the shapes of Theta do not chain (see layer.Sizes).
func New(Theta []*matrix.Dense) *Network {
	n := &Network{Theta: Theta}
	n.Sizes()
	return n
}

// L returns the number of layers, counting the input and output layers.
func (n *Network) L() int { return len(n.Theta) }

// K returns the number of output units, one per class: s_L.
func (n *Network) K() int { return n.Theta[len(n.Theta)-1].Rows }

// Sizes returns the layer sizes s_1..s_L. It panics if the shapes of Theta do
// not chain.
func (n *Network) Sizes() []int {
	s, err := layer.Sizes(n.Theta)
	if err != nil {
		panic("network: " + err.Error())
	}
	return s
}

// Copy returns a network with copies of n's weights.
func (n *Network) Copy() *Network {
	c := &Network{Theta: make([]*matrix.Dense, len(n.Theta)), Hidden: n.Hidden}
	for l, t := range n.Theta {
		if t != nil {
			c.Theta[l] = t.Copy()
		}
	}
	return c
}

// checkX panics unless X has one column per input unit.
func (n *Network) checkX(X *matrix.Dense) {
	if s1 := n.Theta[1].Cols - 1; X.Cols != s1 {
		panic(fmt.Sprintf("network: dimension mismatch: X is %dx%d but the input layer has %d units", X.Rows, X.Cols, s1))
	}
}

// CheckLabels returns an error unless there is one label per example and each
// is a class of the output layer, 0..K-1.
func (n *Network) CheckLabels(y []int, m int) error {
	if len(y) != m {
		return fmt.Errorf("%d labels for %d examples", len(y), m)
	}
	K := n.K()
	for i, c := range y {
		if c < 0 || c >= K {
			return fmt.Errorf("label %d of example %d is not a class of the output layer (0..%d)", c, i, K-1)
		}
	}
	return nil
}

func (n *Network) mustLabels(y []int, m int) {
	if err := n.CheckLabels(y, m); err != nil {
		panic("network: " + err.Error())
	}
}

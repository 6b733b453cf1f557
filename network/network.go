// Package network is the tutorial's network, section by section: forward
// propagation ("Forward propagation (the easy part)", cells 3 and 4), the
// cost J(Θ) ("Cost function", cell 5), backpropagation ("Backpropagation (the
// hard part)", cell 6), prediction (the tutorial's predict), gradient checking
// and the activations g. Each function allocates its results and reads like
// the equation in its doc. (Package network/fast computes the same math
// arranged for speed; the trainer and the model use it.)
//
// # Layer numbers
//
// Layers are numbered as in the tutorial: l = 1 is the input layer, l = L the
// output layer. Go slices start at 0, so every slice here that holds one
// matrix per layer is indexed by the tutorial's l, as its dicts are, and
// leaves the entries the tutorial has no key for nil (Theta[0], Z[0], Z[1],
// ...):
//
//	Theta[l]  Θ^(l), l = 1..L-1   s_{l+1} x (s_l + 1), column 0 the bias weights
//	A[l]      a^(l), l = 1..L     (s_l + 1) x m with row 0 the bias units (ones); A[L] is s_L x m
//	Z[l]      z^(l), l = 2..L     s_l x m
//	delta[l]  δ^(l), l = 2..L     s_l x m
//	D[l]      D^(l), l = 1..L-1   the shape of Θ^(l)
//
// Layer sizes s_1..s_L are a plain Go slice, sizes[0] = s_1, as the tutorial's
// list layers = [s1, s2, s3, s4] is. FromWeights builds a network from
// Θ^(1), Θ^(2), ... given in order, without the nil Theta[0].
//
// # One example per column
//
// A data set X is m x n, one example per row, as it is loaded and as the
// tutorial's code holds it. Inside, activations keep one example per column,
// the way the tutorial's equations write them: z^(l+1) = Θ^(l) a^(l). So A[l]
// here is the transpose of the tutorial's A[l] (which is m x (s_l + 1)).
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
//	predict(x) = argmax_k h_k(x), the first k on ties
//
// y is the one-hot form of the labels (K = s_L classes, label k sets y_k = 1).
// The hidden layers use g = the sigmoid unless Network.Hidden says otherwise;
// the output layer is always the sigmoid, which is what makes δ^(L) = a^(L) - y
// the gradient of this cost.
//
// # Mistakes
//
// A network whose shapes do not chain, X with the wrong number of columns or
// a label that is not a class are programmer errors here: the functions panic
// with a message starting "network: ". Check, CheckX and CheckLabels return the
// same findings as errors, for callers holding data from a user.
package network

import (
	"errors"
	"fmt"

	"github.com/ann-go/ann/internal/finite"
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

// New returns a network with the weights Theta (Theta[0] nil) and sigmoid
// hidden layers. It panics if the shapes of Theta do not chain (see
// layer.Sizes); FromWeights returns an error instead.
func New(Theta []*matrix.Dense) *Network {
	n := &Network{Theta: Theta}
	n.Sizes()
	return n
}

// FromWeights returns a network with the weights Θ^(1), Θ^(2), ..., Θ^(L-1)
// given in order (W[0] is Θ^(1)) and sigmoid hidden layers. It returns an
// error unless there is at least one matrix, each with finite numbers, and
// their shapes chain: Θ^(l) is s_{l+1} x (s_l + 1). The network shares the
// matrices.
func FromWeights(W ...*matrix.Dense) (*Network, error) {
	n := &Network{Theta: append([]*matrix.Dense{nil}, W...)}
	if _, err := n.Check(); err != nil {
		return nil, err
	}
	return n, nil
}

// Check returns the layer sizes s_1..s_L, or an error if n is nil, its shapes
// do not chain, a weight is not finite or Hidden is not an activation.
func (n *Network) Check() ([]int, error) {
	sizes, err := n.checkShapes()
	if err != nil {
		return nil, err
	}
	for l, t := range n.Theta[1:] {
		if i := finite.Index(t.Data); i >= 0 {
			return nil, fmt.Errorf("network: Theta%d holds %v at element %d: weights must be finite", l+1, t.Data[i], i)
		}
	}
	return sizes, nil
}

// checkShapes is Check without looking at the weights' values: a network
// whose weights diverged to NaN during training still has a cost (NaN), which
// the trainer reports.
func (n *Network) checkShapes() ([]int, error) {
	if n == nil {
		return nil, errors.New("network: nil network")
	}
	sizes, err := layer.Sizes(n.Theta)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	if n.Hidden < Sigmoid || n.Hidden > ReLU {
		return nil, fmt.Errorf("network: unknown activation %v", n.Hidden)
	}
	for l, t := range n.Theta[1:] {
		if len(t.Data) != t.Rows*t.Cols {
			return nil, fmt.Errorf("network: Theta%d is %dx%d but holds %d numbers", l+1, t.Rows, t.Cols, len(t.Data))
		}
	}
	return sizes, nil
}

// L returns the number of layers, counting the input and output layers. It
// panics if n is not a network (see Check).
func (n *Network) L() int { return len(n.Sizes()) }

// K returns the number of output units, one per class: s_L. It panics if n is
// not a network (see Check).
func (n *Network) K() int {
	s := n.Sizes()
	return s[len(s)-1]
}

// Sizes returns the layer sizes s_1..s_L. It panics if n is nil or the shapes
// of Theta do not chain.
func (n *Network) Sizes() []int {
	if n == nil {
		panic("network: nil network")
	}
	s, err := layer.Sizes(n.Theta)
	if err != nil {
		panic("network: " + err.Error())
	}
	return s
}

// Copy returns a network with copies of n's weights.
func (n *Network) Copy() *Network {
	n.Sizes()
	c := &Network{Theta: make([]*matrix.Dense, len(n.Theta)), Hidden: n.Hidden}
	for l, t := range n.Theta {
		if t != nil {
			c.Theta[l] = t.Copy()
		}
	}
	return c
}

// CheckX returns an error unless n is a network (see Check; its weights'
// values are not looked at) and X holds examples for it: one column per input
// unit, every number finite.
func (n *Network) CheckX(X *matrix.Dense) error {
	sizes, err := n.checkShapes()
	if err != nil {
		return err
	}
	if X == nil {
		return errors.New("network: nil X")
	}
	if X.Rows < 0 || X.Cols < 0 || X.Cols > 0 && X.Rows > len(X.Data)/X.Cols || len(X.Data) != X.Rows*X.Cols {
		return fmt.Errorf("network: X is %dx%d but holds %d numbers", X.Rows, X.Cols, len(X.Data))
	}
	if X.Cols != sizes[0] {
		return fmt.Errorf("network: dimension mismatch: X is %dx%d but the input layer has %d units", X.Rows, X.Cols, sizes[0])
	}
	if i := finite.Index(X.Data); i >= 0 {
		return fmt.Errorf("network: X holds %v in row %d, column %d: want finite numbers", X.Data[i], i/X.Cols, i%X.Cols)
	}
	return nil
}

// CheckLabels returns an error unless there is one label per example and each
// is a class of the output layer, 0..K-1.
func (n *Network) CheckLabels(y []int, m int) error {
	if len(y) != m {
		return fmt.Errorf("network: %d labels for %d examples", len(y), m)
	}
	K := n.K()
	for i, c := range y {
		if c < 0 || c >= K {
			return fmt.Errorf("network: label %d of example %d is not a class of the output layer (0..%d)", c, i, K-1)
		}
	}
	return nil
}

// mustX panics unless X fits n (see CheckX).
func (n *Network) mustX(X *matrix.Dense) {
	if err := n.CheckX(X); err != nil {
		panic(err.Error())
	}
}

// mustLabels panics unless y fits n (see CheckLabels).
func (n *Network) mustLabels(y []int, m int) {
	if err := n.CheckLabels(y, m); err != nil {
		panic(err.Error())
	}
}

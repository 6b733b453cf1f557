// Package trainer trains a network by gradient descent, the tutorial's
// train_network (cell 10, "Training the model"). With the default Config it
// is exactly the tutorial's batch gradient descent: for n = 1, ..., iters,
//
//	J_n = J(Θ)                      the cost before this iteration's update
//	Θ^(l) := Θ^(l) - α D^(l)        for every l, with D from backpropagation
//
// returning the trained weights and the costs J_1, ..., J_iters. The cost
// includes the λ term when λ > 0 (the tutorial's train_network never passes λ
// on; see docs/errata.md).
//
// Past the tutorial, two common variations, both off by default:
//
//	mini-batches (Batch = b < m): each iteration is an epoch; the examples are
//	    shuffled (numpy's permutation, from Seed) and taken b at a time, one
//	    update per batch, with D computed on the batch as if it were the data
//	    set (its m is b).
//	momentum (Momentum = β > 0):  v^(l) := β v^(l) + D^(l),  Θ^(l) := Θ^(l) - α v^(l)
//
// J_n is always the cost of the whole training set before epoch n. With a
// held-out set (TestX, TestY), its cost for the same weights is recorded
// beside it.
//
// Training stops with an error, not a NaN, when the cost stops being a finite
// number: that is gradient descent diverging, usually from too large an α.
package trainer

import (
	"context"
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/dataset"
	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Config is what train_network takes besides the data and the weights, and
// the variations past it.
type Config struct {
	Alpha  float64 // the learning rate α
	Iters  int     // the number of iterations (epochs), the tutorial's max_iter
	Lambda float64 // the regularization λ, the tutorial's lamb; 0 for none

	// Batch is the number of examples per update; 0, or m or more, takes the
	// whole training set in order: batch gradient descent, the tutorial's.
	Batch int
	// Momentum is β, 0 for none (the tutorial's plain gradient descent).
	Momentum float64
	// Seed seeds the numpy stream that shuffles the examples for
	// mini-batches, once per epoch.
	Seed uint32

	// TestX and TestY, if not nil, are held-out examples whose cost is
	// recorded each iteration, for the same weights as the training cost.
	TestX *matrix.Dense
	TestY []int

	// Progress, if not nil, is called after each iteration with the
	// iteration's number (1-based) and the cost recorded for it.
	Progress func(iter int, cost float64)

	// Observe, if not nil, is called after each iteration's update, after
	// Progress, with the iteration's number (1-based) and the result so far:
	// r.Net holds the weights after the update, r.Costs and r.TestCosts the
	// iter costs recorded. r is the training's own: Observe must not change
	// it, and must copy r.Net to keep it, as the next update changes it in
	// place. The costs recorded never change, so r.Costs[:iter] and
	// r.TestCosts[:iter] may be kept. Observe may block (to pause training);
	// Train goes on when it returns.
	Observe func(iter int, r *Result)
}

// Check returns an error naming the first field of c that gradient descent
// cannot run with.
func (c *Config) Check() error {
	switch {
	case !(c.Alpha > 0) || math.IsInf(c.Alpha, 1):
		return fmt.Errorf("alpha %v: want a finite number > 0", c.Alpha)
	case c.Iters < 1:
		return fmt.Errorf("iters %d: want at least 1 iteration", c.Iters)
	case !(c.Lambda >= 0) || math.IsInf(c.Lambda, 1):
		return fmt.Errorf("lambda %v: want a finite number >= 0", c.Lambda)
	case c.Batch < 0:
		return fmt.Errorf("batch %d: want 0 (all examples) or a positive size", c.Batch)
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return fmt.Errorf("momentum %v: want a number in [0, 1)", c.Momentum)
	}
	return nil
}

// DivergenceError reports a cost that became NaN or infinite.
type DivergenceError struct {
	Iter   int     // the iteration (1-based) whose cost was not finite
	Cost   float64 // that cost
	Alpha  float64
	Lambda float64
	Layer  int // if not 0, the cost was finite but this update made Θ^(Layer) not finite
}

// Error says at which iteration training diverged, how, and what to change.
func (e *DivergenceError) Error() string {
	what := fmt.Sprintf("the cost is %v", e.Cost)
	if e.Layer != 0 {
		what = fmt.Sprintf("its update made Theta%d infinite or NaN", e.Layer)
	}
	advice := fmt.Sprintf("try a smaller alpha than %v", e.Alpha)
	if e.Lambda > 0 {
		advice += fmt.Sprintf(" or a smaller lambda than %v", e.Lambda)
	}
	return fmt.Sprintf("training diverged at iteration %d: %s; %s", e.Iter, what, advice)
}

// Result is a trained network and its cost history.
type Result struct {
	Net       *network.Network
	Costs     []float64 // Costs[n-1] is J before iteration n, as the tutorial records
	TestCosts []float64 // the held-out set's cost for the same weights, if Config had one
}

// Train runs gradient descent from the weights of net on the examples X
// (m x n, one per row) with labels y. net is not changed: training works on a
// copy. It returns an error if c is not valid, the labels do not fit the
// network, the cost diverges (a *DivergenceError, with the costs so far), or
// ctx is done (ctx.Err(), with the costs so far).
func Train(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, c Config) (*Result, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if err := checkData(net, X, y, "the data"); err != nil {
		return nil, err
	}
	if X.Rows == 0 {
		return nil, fmt.Errorf("no examples to train on")
	}
	res := &Result{Net: net.Copy(), Costs: make([]float64, 0, min(c.Iters, 1<<20))}
	ws := network.NewWorkspace(res.Net, X, y, c.Lambda)
	defer ws.Close()
	var test *network.Workspace
	if c.TestX != nil {
		if err := checkData(net, c.TestX, c.TestY, "the held-out data"); err != nil {
			return nil, err
		}
		if c.TestX.Rows > 0 {
			test = network.NewWorkspace(res.Net, c.TestX, c.TestY, c.Lambda)
			defer test.Close()
			res.TestCosts = make([]float64, 0, min(c.Iters, 1<<20))
		}
	}
	s := stepper{batchWS: map[int]*network.Workspace{}}
	defer s.close()
	if c.Momentum > 0 {
		s.v = zerosLike(res.Net.Theta)
	}
	miniBatch := c.Batch > 0 && c.Batch < X.Rows
	var rs *nprand.State
	if miniBatch {
		rs = nprand.New(c.Seed)
	}
	for n := 1; n <= c.Iters; n++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var J float64
		var D []*matrix.Dense
		if miniBatch {
			J = ws.Cost() // the whole set's cost before this epoch
		} else {
			J, D = ws.Gradient() // the cost and the gradients from one pass
		}
		if math.IsNaN(J) || math.IsInf(J, 0) {
			return res, &DivergenceError{Iter: n, Cost: J, Alpha: c.Alpha, Lambda: c.Lambda}
		}
		res.Costs = append(res.Costs, J)
		if test != nil {
			res.TestCosts = append(res.TestCosts, test.Cost())
		}
		if miniBatch {
			s.epoch(res.Net, X, y, rs.Permutation(X.Rows), c)
		} else {
			s.step(res.Net.Theta, D, c)
		}
		if c.Progress != nil {
			c.Progress(n, J)
		}
		if c.Observe != nil {
			c.Observe(n, res)
		}
	}
	// The last update is never followed by a cost; check the weights it made.
	for l, t := range res.Net.Theta[1:] {
		for _, v := range t.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return res, &DivergenceError{Iter: c.Iters, Cost: math.NaN(), Alpha: c.Alpha, Lambda: c.Lambda, Layer: l + 1}
			}
		}
	}
	return res, nil
}

// checkData returns an error unless X fits the input layer and y holds one
// class of the output layer per example.
func checkData(net *network.Network, X *matrix.Dense, y []int, what string) error {
	if sizes := net.Sizes(); X.Cols != sizes[0] {
		return fmt.Errorf("%s has %d features but the input layer has %d units", what, X.Cols, sizes[0])
	}
	if err := net.CheckLabels(y, X.Rows); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// stepper makes the updates, keeping the velocities v^(l) for momentum and,
// for mini-batches, a workspace for each batch size (the full one and the
// last batch of an epoch), loaded with each batch's rows in turn.
type stepper struct {
	v       []*matrix.Dense // nil without momentum
	batchWS map[int]*network.Workspace
}

// step makes one update from the gradients D: Θ := Θ - α D, or with momentum
// v := β v + D, Θ := Θ - α v.
func (s *stepper) step(Theta, D []*matrix.Dense, c Config) {
	if s.v == nil {
		Step(Theta, D, c.Alpha)
		return
	}
	for l := 1; l < len(Theta); l++ {
		t, d, v := Theta[l].Data, D[l].Data, s.v[l].Data
		for i := range t {
			v[i] = c.Momentum*v[i] + d[i]
			t[i] -= c.Alpha * v[i]
		}
	}
}

// epoch makes one pass over the examples in the order perm, c.Batch at a
// time, one update per batch.
func (s *stepper) epoch(net *network.Network, X *matrix.Dense, y []int, perm []int, c Config) {
	for lo := 0; lo < len(perm); lo += c.Batch {
		rows := perm[lo:min(lo+c.Batch, len(perm))]
		ws := s.batchWS[len(rows)]
		if ws == nil {
			Xb, yb := dataset.Rows(X, y, rows)
			ws = network.NewWorkspace(net, Xb, yb, c.Lambda)
			s.batchWS[len(rows)] = ws
		} else {
			ws.Load(X, y, rows)
		}
		_, D := ws.Gradient()
		s.step(net.Theta, D, c)
	}
}

// close closes the mini-batch workspaces.
func (s *stepper) close() {
	for _, ws := range s.batchWS {
		ws.Close()
	}
}

// Step makes one gradient-descent update, Θ^(l) := Θ^(l) - α D^(l), in place.
func Step(Theta, D []*matrix.Dense, alpha float64) {
	for l := 1; l < len(Theta); l++ {
		t, d := Theta[l].Data, D[l].Data
		for i := range t {
			t[i] -= alpha * d[i]
		}
	}
}

// zerosLike returns zero matrices shaped like Theta, by layer number.
func zerosLike(Theta []*matrix.Dense) []*matrix.Dense {
	z := make([]*matrix.Dense, len(Theta))
	for l, t := range Theta {
		if t != nil {
			z[l] = matrix.New(t.Rows, t.Cols)
		}
	}
	return z
}

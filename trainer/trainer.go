// Package trainer trains a network by batch gradient descent, the tutorial's
// train_network (cell 10, "Training the model"): for n = 1, ..., iters,
//
//	J_n = J(Θ)                      the cost before this iteration's update
//	Θ^(l) := Θ^(l) - α D^(l)        for every l, with D from backpropagation
//
// and returns the trained weights and the costs J_1, ..., J_iters. The cost
// includes the λ term when λ > 0 (the tutorial's train_network never passes
// λ on; see docs/errata.md).
//
// Training stops with an error, not a NaN, when the cost stops being a finite
// number: that is gradient descent diverging, usually from too large an α.
package trainer

import (
	"context"
	"fmt"
	"math"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Config is what train_network takes besides the data and the weights.
type Config struct {
	Alpha  float64 // the learning rate α
	Iters  int     // the number of iterations, the tutorial's max_iter
	Lambda float64 // the regularization λ, the tutorial's lamb; 0 for none

	// Progress, if not nil, is called after each iteration with the
	// iteration's number (1-based) and the cost recorded for it.
	Progress func(iter int, cost float64)
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
	}
	return nil
}

// DivergenceError reports a cost that became NaN or infinite.
type DivergenceError struct {
	Iter  int     // the iteration (1-based) whose cost was not finite
	Cost  float64 // that cost
	Alpha float64
	Layer int // if not 0, the cost was finite but this update made Θ^(Layer) not finite
}

func (e *DivergenceError) Error() string {
	if e.Layer != 0 {
		return fmt.Sprintf("training diverged at iteration %d: its update made Theta%d infinite or NaN; try a smaller alpha than %v", e.Iter, e.Layer, e.Alpha)
	}
	return fmt.Sprintf("training diverged at iteration %d: the cost is %v; try a smaller alpha than %v", e.Iter, e.Cost, e.Alpha)
}

// Result is a trained network and its cost history.
type Result struct {
	Net   *network.Network
	Costs []float64 // Costs[n-1] is J before update n, as the tutorial records
}

// Train runs batch gradient descent from the weights of net on the examples X
// (m x n, one per row) with labels y. net is not changed: training works on a
// copy. It returns an error if c is not valid, the labels do not fit the
// network, the cost diverges (a *DivergenceError, with the costs so far), or
// ctx is done (ctx.Err(), with the costs so far).
func Train(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, c Config) (*Result, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if sizes := net.Sizes(); X.Cols != sizes[0] {
		return nil, fmt.Errorf("the data has %d features but the input layer has %d units", X.Cols, sizes[0])
	}
	if err := net.CheckLabels(y, X.Rows); err != nil {
		return nil, err
	}
	if X.Rows == 0 {
		return nil, fmt.Errorf("no examples to train on")
	}
	res := &Result{Net: net.Copy(), Costs: make([]float64, 0, c.Iters)}
	ws := network.NewWorkspace(res.Net, X, y, c.Lambda)
	defer ws.Close()
	for n := 1; n <= c.Iters; n++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		J, D := ws.Gradient()
		if math.IsNaN(J) || math.IsInf(J, 0) {
			return res, &DivergenceError{Iter: n, Cost: J, Alpha: c.Alpha}
		}
		res.Costs = append(res.Costs, J)
		Step(res.Net.Theta, D, c.Alpha)
		if c.Progress != nil {
			c.Progress(n, J)
		}
	}
	// The last update is never followed by a cost; check the weights it made.
	for l, t := range res.Net.Theta[1:] {
		for _, v := range t.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return res, &DivergenceError{Iter: c.Iters, Cost: math.NaN(), Alpha: c.Alpha, Layer: l + 1}
			}
		}
	}
	return res, nil
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

// Package trainer trains a network by gradient descent, the tutorial's
// train_network (cell 10, "Training the model"). With the default Config it
// is exactly the tutorial's batch gradient descent: for n = 1, ..., iters,
//
//	J_n = J(Θ)                      the cost before this iteration's update
//	Θ^(l) := Θ^(l) - α D^(l)        for every l, with D from backpropagation
//
// returning the trained weights and the costs J_1, ..., J_iters. With λ > 0 the
// cost includes the λ term and the gradients D^(l) the (λ/m) Θ^(l) term
// (docs/errata.md compares this with the tutorial's train_network).
//
// Past the tutorial, two common variations, both off by default:
//
//	mini-batches (Batch = b < m): each iteration is an epoch; the examples are
//	    shuffled (numpy's permutation, from Seed) and taken b at a time, one
//	    update per batch, with D computed on the batch as if it were the data
//	    set (its m is b).
//	momentum (Momentum = β > 0):  v^(l) := β v^(l) + D^(l),  Θ^(l) := Θ^(l) - α v^(l)
//	Adam (Optimizer "adam"), at update t = 1, 2, ... (Kingma and Ba 2015, in the
//	    form of their section 2's last paragraph, as scikit-learn's solver="adam":
//	    ε is added to √v, where their Algorithm 1 adds it to √v̂):
//	        m^(l) := β1 m^(l) + (1 - β1) D^(l)
//	        v^(l) := β2 v^(l) + (1 - β2) D^(l) ⊙ D^(l)
//	        α_t   := α √(1 - β2^t) / (1 - β1^t)
//	        Θ^(l) := Θ^(l) - α_t m^(l) / (√v^(l) + ε)
//
// J_n is always the cost of the whole training set before epoch n. With a
// held-out set (TestX, TestY), its cost for the same weights is recorded
// beside it.
//
// Early stopping (EarlyStopping), as scikit-learn's MLPClassifier has it,
// scored by the cost: a stratified ValidationFraction of the examples is set
// aside (dataset.StratifiedSplit, ValidationSeed), training runs on the rest,
// and each iteration n also records the validation cost V_n for the weights
// of J_n. Training stops at the first iteration s at which NIterNoChange
// iterations in a row have failed to lower the best V so far by more than
// Tol, before s's update, and the result holds the weights of
//
//	n* = argmin_n V_n            the best iteration, s - n* <= NIterNoChange
//
// (scikit-learn waits one iteration more, NIterNoChange + 1 in a row, and
// scores the accuracy; the weights it restores are those of its best score).
//
// Training stops with an error, not a NaN, when a cost stops being a finite
// number: before any update, that is the data (or its scale); later, gradient
// descent diverging, usually from too large an α (see DivergenceError).
//
// Train runs the fast loop, on package network/fast. With Config.Reference it
// runs the plain one instead, the tutorial's train_network line by line on
// package network's Forward, CostOf and Backprop (see reference.go): a change
// to those shows there. The two give the same costs to 1e-12.
//
// CrossValidate follows the tutorial's closing advice: k folds (scikit-learn's
// KFold), one network trained per fold on the other rows, each standardized
// on its own training rows if asked, and the folds' accuracies.
package trainer

import (
	"context"
	"fmt"
	"slices"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
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
	// Optimizer is the update rule: "" or "gd" gradient descent (with
	// momentum if Momentum > 0), "momentum" (which wants Momentum > 0), or
	// "adam", with Beta1, Beta2 and Epsilon (0 for each: the paper's and
	// scikit-learn's 0.9, 0.999 and 1e-8).
	Optimizer string
	Beta1     float64 // Adam's β1, the decay of the first moment m
	Beta2     float64 // Adam's β2, the decay of the second moment v
	Epsilon   float64 // Adam's ε, added to √v
	// Seed seeds the numpy stream that shuffles the examples for
	// mini-batches, once per epoch.
	Seed uint32

	// EarlyStopping sets aside a validation set and stops at its best
	// iteration (see the package comment). ValidationFraction (0: 0.1) is
	// the share of the examples set aside, split by ValidationSeed;
	// NIterNoChange (0: 10) is how many iterations in a row may fail to
	// lower the best validation cost by more than Tol (0: any decrease
	// counts). Without EarlyStopping, the three must be 0.
	EarlyStopping      bool
	ValidationFraction float64
	NIterNoChange      int
	Tol                float64
	ValidationSeed     uint32

	// Reference picks the plain loop: the tutorial's batch gradient descent
	// on package network's functions, without mini-batches or momentum.
	Reference bool

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
	// iter costs recorded. r is the training's own: Observe may set weights
	// of r.Net (not reshape it), and the next iteration starts from them (so
	// ann serve's playground types a weight by hand); it must change nothing
	// else, and must copy r.Net to keep it, as the next update changes it in
	// place. The costs recorded never change, so r.Costs[:iter] and
	// r.TestCosts[:iter] may be kept. Observe may block (to pause training);
	// Train goes on when it returns.
	Observe func(iter int, r *Result)

	// Snapshots lists iterations n at whose start the weights are copied into
	// Result.Snapshots: the weights whose cost is Costs[n-1]. Iters+1 copies
	// the trained weights. Each must be in 1..Iters+1; the order does not
	// matter. Taking snapshots does not change the training.
	Snapshots []int

	stop *earlyStop // set by Train with EarlyStopping
}

// A Snapshot is the network as it was at the start of an iteration.
type Snapshot struct {
	Iter int              // the iteration: Net's cost is Costs[Iter-1]
	Net  *network.Network // a copy of the weights then
}

// configError is the *dataset.ArgError of a Config field that gradient
// descent cannot run with: "trainer: alpha 0: want a finite number > 0".
func configError(field string, value any, want string) error {
	return &dataset.ArgError{Pkg: "trainer", Arg: field, Value: value, Want: want}
}

// Check returns a *dataset.ArgError (Pkg "trainer") naming the first field of
// c that gradient descent cannot run with, as a flag would name it: "alpha",
// "iters", "batch", ...
func (c *Config) Check() error {
	if c == nil {
		return configError("config", nil, "want a Config")
	}
	bad := configError
	switch {
	case !(finite.Is(c.Alpha) && c.Alpha > 0):
		return bad("alpha", c.Alpha, "want a finite number > 0")
	case c.Iters < 1:
		return bad("iters", c.Iters, "want at least 1 iteration")
	case !(finite.Is(c.Lambda) && c.Lambda >= 0):
		return bad("lambda", c.Lambda, "want a finite number >= 0")
	case c.Batch < 0:
		return bad("batch", c.Batch, "want 0 (all examples) or a positive size")
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return bad("momentum", c.Momentum, "want a number in [0, 1)")
	case c.Optimizer != "" && c.Optimizer != "gd" && c.Optimizer != "momentum" && c.Optimizer != "adam":
		return bad("optimizer", c.Optimizer, "want gd, momentum or adam")
	case c.Optimizer == "gd" && c.Momentum != 0:
		return bad("momentum", c.Momentum, "want 0 with optimizer gd (or optimizer momentum)")
	case c.Optimizer == "momentum" && c.Momentum == 0:
		return bad("momentum", c.Momentum, "want a number in (0, 1) with optimizer momentum")
	case c.Optimizer == "adam" && c.Momentum != 0:
		return bad("momentum", c.Momentum, "want 0 with optimizer adam (beta1 is its momentum)")
	case c.Optimizer != "adam" && c.Beta1 != 0:
		return bad("beta1", c.Beta1, "only for optimizer adam")
	case c.Optimizer != "adam" && c.Beta2 != 0:
		return bad("beta2", c.Beta2, "only for optimizer adam")
	case c.Optimizer != "adam" && c.Epsilon != 0:
		return bad("epsilon", c.Epsilon, "only for optimizer adam")
	case !(c.Beta1 >= 0 && c.Beta1 < 1):
		return bad("beta1", c.Beta1, "want a number in [0, 1)")
	case !(c.Beta2 >= 0 && c.Beta2 < 1):
		return bad("beta2", c.Beta2, "want a number in [0, 1)")
	case !(finite.Is(c.Epsilon) && c.Epsilon >= 0):
		return bad("epsilon", c.Epsilon, "want a finite number >= 0 (0: 1e-8)")
	case c.Reference && c.Optimizer == "adam":
		return bad("optimizer", c.Optimizer, "want gd: the reference loop is gradient descent only")
	case c.Reference && c.Batch != 0:
		return bad("batch", c.Batch, "want 0: the reference loop is batch gradient descent only")
	case c.Reference && c.Momentum != 0:
		return bad("momentum", c.Momentum, "want 0: the reference loop has no momentum")
	case !c.EarlyStopping && c.ValidationFraction != 0:
		return bad("validation-fraction", c.ValidationFraction, "only with early stopping")
	case !c.EarlyStopping && c.NIterNoChange != 0:
		return bad("n-iter-no-change", c.NIterNoChange, "only with early stopping")
	case !c.EarlyStopping && c.Tol != 0:
		return bad("tol", c.Tol, "only with early stopping")
	case c.ValidationFraction != 0 && !(c.ValidationFraction > 0 && c.ValidationFraction < 1):
		return bad("validation-fraction", c.ValidationFraction, "want a fraction between 0 and 1")
	case c.NIterNoChange < 0:
		return bad("n-iter-no-change", c.NIterNoChange, "want a positive number of iterations (0: 10)")
	case !(finite.Is(c.Tol) && c.Tol >= 0):
		return bad("tol", c.Tol, "want a finite number >= 0")
	case (c.TestX == nil) != (c.TestY == nil):
		return bad("TestY", len(c.TestY), "want TestX and TestY together")
	}
	for _, n := range c.Snapshots {
		if n < 1 || n > c.Iters+1 {
			return bad("snapshots", n, fmt.Sprintf("want iterations from 1 to %d (iters+1: the trained weights)", c.Iters+1))
		}
	}
	return nil
}

// DivergenceError reports a cost that became NaN or infinite.
type DivergenceError struct {
	// Iter is the iteration (1-based) whose cost, before its update, was not
	// finite; Iters+1 for the cost after the last update. Iter 1 means before
	// any update: the data or its scale, not α, is the likely cause.
	Iter    int
	Cost    float64 // that cost
	HeldOut bool    // whether it was the held-out (or validation) set's cost
	Iters   int     // Config.Iters
	Alpha   float64
	Lambda  float64
	Layer   int  // if not 0, the costs were finite but the last update made Θ^(Layer) not finite
	Final   bool // whether it was the cost after the last update (Iter is then Iters+1)
}

// BeforeAnyUpdate reports whether the cost was not finite for the initial
// weights: the data (values too large, or not scaled) is then the likely
// cause, not the learning rate.
func (e *DivergenceError) BeforeAnyUpdate() bool { return e.Iter == 1 && e.Layer == 0 }

// Words are the names a divergence message gives the settings it advises
// changing: Config's fields for a Go program, flags for a command.
type Words struct {
	Alpha, Lambda string // "alpha", "-alpha"
	Standardize   string // what to try for data out of scale: "-standardize"
}

// Message is the one wording of a divergence: where (iteration Iter of
// Iters, or before any update), what (a cost that is not finite, or a
// weight), and what to change, in the words w, as in
//
//	training diverged at iteration 2 of 50: the cost is +Inf; try a smaller alpha than 1e+300
func (e *DivergenceError) Message(w Words) string {
	set := "the cost"
	if e.HeldOut {
		set = "the held-out cost"
	}
	iter, what := e.Iter, fmt.Sprintf("%s is %v", set, e.Cost)
	switch {
	case e.Layer != 0:
		what = fmt.Sprintf("its update made Theta%d infinite or NaN", e.Layer)
	case e.Final:
		iter, what = e.Iters, fmt.Sprintf("the cost after its update is %v", e.Cost)
	}
	if e.BeforeAnyUpdate() {
		return fmt.Sprintf("training diverged at iteration 1, before any update: %s; the data's values or their scale are the likely cause (try %s)", what, w.Standardize)
	}
	advice := fmt.Sprintf("try a smaller %s than %v", w.Alpha, e.Alpha)
	if e.Lambda > 0 {
		advice += fmt.Sprintf(" or a smaller %s than %v", w.Lambda, e.Lambda)
	}
	return fmt.Sprintf("training diverged at iteration %d of %d: %s; %s", iter, e.Iters, what, advice)
}

// Error is "trainer: " and the Message in Config's words.
func (e *DivergenceError) Error() string {
	return "trainer: " + e.Message(Words{Alpha: "alpha", Lambda: "lambda", Standardize: "model.FitScaler to standardize the features"})
}

// Result is a trained network and its cost history.
type Result struct {
	Net       *network.Network
	Costs     []float64 // Costs[n-1] is J before iteration n, as the tutorial records
	TestCosts []float64 // the held-out set's cost for the same weights, if Config had one
	// FinalCost is J for the trained weights, after the last update (which
	// Costs, recorded before each update, does not hold).
	FinalCost float64
	// Snapshots holds the networks of Config.Snapshots, by iteration.
	Snapshots []Snapshot

	// With Config.EarlyStopping: the rows of X trained on and set aside
	// (Costs is the cost of TrainRows), the validation cost for the same
	// weights as Costs, the iteration whose weights Net holds (the least
	// ValidationCosts[BestIter-1]; FinalCost is the training cost of those
	// weights), and whether training stopped before Config.Iters, at
	// iteration len(Costs), making no update there.
	TrainRows, ValidationRows []int
	ValidationCosts           []float64
	BestIter                  int
	Stopped                   bool
}

// Train runs gradient descent from the weights of net on the examples X
// (m x n, one per row) with labels y. net is not changed: training works on a
// copy. It returns Check's *dataset.ArgError if c is not valid; an error if
// net is not a network, X or the held-out set does not fit it or holds a
// number that is not finite, or the labels are not its classes; a *DivergenceError, with the
// costs so far, if a cost is not finite; ctx.Err(), with the costs so far, if
// ctx is done.
func Train(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, c Config) (*Result, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := checkData(net, X, y, "the data"); err != nil {
		return nil, err
	}
	if X.Rows == 0 {
		return nil, fmt.Errorf("trainer: no examples to train on")
	}
	if c.TestX != nil {
		if err := checkData(net, c.TestX, c.TestY, "the held-out data"); err != nil {
			return nil, err
		}
		if c.TestX.Rows == 0 {
			c.TestX, c.TestY = nil, nil
		}
	}
	c.Snapshots = slices.Compact(slices.Sorted(slices.Values(c.Snapshots)))
	var es *earlyStop
	if c.EarlyStopping {
		var err error
		if es, err = newEarlyStop(net, y, &c); err != nil {
			return nil, err
		}
		es.X, es.y = dataset.Rows(X, y, es.valRows)
		X, y = dataset.Rows(X, y, es.trainRows)
		c.stop = es
	}
	if c.Reference {
		return trainReference(ctx, net, X, y, c)
	}
	return trainFast(ctx, net, X, y, c)
}

// record appends the costs J and testJ of iteration n (testJ only with a
// held-out set), or returns a *DivergenceError if one
// is not finite.
func (res *Result) record(n int, J, testJ float64, c *Config) error {
	if !finite.Is(J) {
		return &DivergenceError{Iter: n, Cost: J, Iters: c.Iters, Alpha: c.Alpha, Lambda: c.Lambda}
	}
	if c.TestX != nil && !finite.Is(testJ) {
		return &DivergenceError{Iter: n, Cost: testJ, HeldOut: true, Iters: c.Iters, Alpha: c.Alpha, Lambda: c.Lambda}
	}
	res.Costs = append(res.Costs, J)
	if c.TestX != nil {
		res.TestCosts = append(res.TestCosts, testJ)
	}
	res.snapshot(n, c)
	return nil
}

// snapshot copies the network if c.Snapshots (sorted, without repeats) asks
// for iteration n.
func (res *Result) snapshot(n int, c *Config) {
	if k := len(res.Snapshots); k < len(c.Snapshots) && c.Snapshots[k] == n {
		res.Snapshots = append(res.Snapshots, Snapshot{Iter: n, Net: res.Net.Copy()})
	}
}

// finish sets the final cost J, or returns a *DivergenceError if it, or a
// weight, is not finite.
func (res *Result) finish(J float64, c *Config) error {
	res.FinalCost = J
	for l, t := range res.Net.Theta[1:] {
		if finite.Index(t.Data) >= 0 {
			return &DivergenceError{Iter: c.Iters, Cost: J, Iters: c.Iters, Alpha: c.Alpha, Lambda: c.Lambda, Layer: l + 1}
		}
	}
	if !finite.Is(J) {
		return &DivergenceError{Iter: c.Iters + 1, Cost: J, Iters: c.Iters, Alpha: c.Alpha, Lambda: c.Lambda, Final: true}
	}
	res.snapshot(c.Iters+1, c)
	return nil
}

// checkData returns an error unless net is a network, X fits its input layer
// with finite numbers and y holds one class of the output layer per example.
func checkData(net *network.Network, X *matrix.Dense, y []int, what string) error {
	if _, err := net.Check(); err != nil {
		return fmt.Errorf("trainer: %w", err)
	}
	if err := net.CheckX(X); err != nil {
		return fmt.Errorf("trainer: %s: %w", what, err)
	}
	if err := net.CheckLabels(y, X.Rows); err != nil {
		return fmt.Errorf("trainer: %s: %w", what, err)
	}
	return nil
}

// Step makes one gradient-descent update, Θ^(l) := Θ^(l) - α D^(l), in place.
// It panics unless D holds one matrix of Θ's shape for each layer.
func Step(Theta, D []*matrix.Dense, alpha float64) {
	checkShapes(Theta, D)
	for l := 1; l < len(Theta); l++ {
		t, d := Theta[l].Data, D[l].Data
		for i := range t {
			t[i] -= float64(alpha * d[i]) // α D rounded, then subtracted: no FMA, the same bits on every CPU
		}
	}
}

// adamDefaults returns β1, β2 and ε, with 0 for each meaning the Adam
// paper's (and scikit-learn's) 0.9, 0.999 and 1e-8.
func (c *Config) adamDefaults() (beta1, beta2, epsilon float64) {
	beta1, beta2, epsilon = c.Beta1, c.Beta2, c.Epsilon
	if beta1 == 0 {
		beta1 = 0.9
	}
	if beta2 == 0 {
		beta2 = 0.999
	}
	if epsilon == 0 {
		epsilon = 1e-8
	}
	return beta1, beta2, epsilon
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

// checkShapes panics unless D has a matrix of Theta[l]'s shape for each l.
func checkShapes(Theta, D []*matrix.Dense) {
	if len(D) != len(Theta) {
		panic(fmt.Sprintf("trainer: Step: %d gradients for %d weight matrices", len(D), len(Theta)))
	}
	for l := 1; l < len(Theta); l++ {
		if Theta[l] == nil || D[l] == nil || len(D[l].Data) != len(Theta[l].Data) || !matrix.SameShape(Theta[l], D[l]) {
			panic(fmt.Sprintf("trainer: Step: D[%d] is not the shape of Theta%d", l, l))
		}
	}
}

// after calls Progress and Observe, if set, at the end of iteration n.
func (c *Config) after(n int, J float64, res *Result) {
	if c.Progress != nil {
		c.Progress(n, J)
	}
	if c.Observe != nil {
		c.Observe(n, res)
	}
}

package trainer

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
)

// The reference loop is batch gradient descent: what it does not do is a
// *dataset.ArgError naming the field.
func TestReferenceConfigErrors(t *testing.T) {
	for _, c := range []Config{
		{Alpha: 0.5, Iters: 1, Reference: true, Batch: 10},
		{Alpha: 0.5, Iters: 1, Reference: true, Momentum: 0.9},
	} {
		err := c.Check()
		var ae *dataset.ArgError
		if !errors.As(err, &ae) || (ae.Arg != "batch" && ae.Arg != "momentum") || !strings.HasPrefix(err.Error(), "trainer: ") {
			t.Errorf("Check(%+v) = %v, want a *dataset.ArgError for batch or momentum", c, err)
		}
	}
	err := (&Config{Alpha: 0, Iters: 1}).Check()
	var ae *dataset.ArgError
	if !errors.As(err, &ae) || ae.Arg != "alpha" || ae.Value != 0.0 || err.Error() != "trainer: alpha 0: want a finite number > 0" {
		t.Errorf("Check(alpha 0) = %#v", err)
	}
}

// A cost that is not finite before any update is the data's fault; the
// error says so, on both loops, for the training and the held-out set.
func TestDivergenceBeforeAnyUpdate(t *testing.T) {
	// No hidden layer: a huge x saturates the outputs to exactly 0 or 1, and
	// a wrong one of those makes the cost infinite.
	net := network.New(layer.Init([]int{2, 2}, 0))
	huge, y := moons.Make(20, 0.1, 0)
	for i := range huge.Data {
		huge.Data[i] *= 1e300
	}
	X, _ := moons.Make(20, 0.1, 0)
	for _, ref := range []bool{false, true} {
		for _, heldOut := range []bool{false, true} {
			c := Config{Alpha: 0.5, Iters: 3, Reference: ref}
			train := huge
			if heldOut {
				train, c.TestX, c.TestY = X, huge, y
			}
			res, err := Train(context.Background(), net, train, y, c)
			var de *DivergenceError
			if !errors.As(err, &de) || !de.BeforeAnyUpdate() || de.HeldOut != heldOut || len(res.Costs) != 0 {
				t.Errorf("reference %v, held out %v: error %v, want a divergence before any update", ref, heldOut, err)
				continue
			}
			if !strings.Contains(err.Error(), "before any update") || !strings.Contains(err.Error(), "standardize") {
				t.Errorf("error %q does not point at the data", err)
			}
		}
	}
}

// An update that makes the final cost infinite is a divergence too, found by
// the cost after the loop: here the only iteration.
func TestDivergenceInTheLastUpdate(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	X, y := moons.Make(100, 0.1, 0)
	for _, ref := range []bool{false, true} {
		res, err := Train(context.Background(), net, X, y, Config{Alpha: 1e300, Iters: 1, Reference: ref})
		var de *DivergenceError
		if !errors.As(err, &de) || de.BeforeAnyUpdate() || len(res.Costs) != 1 {
			t.Fatalf("reference %v: error %v with %d costs, want a divergence after the first update", ref, err, len(res.Costs))
		}
		if !strings.Contains(err.Error(), "smaller alpha than 1e+300") {
			t.Errorf("error %q does not point at alpha", err)
		}
	}
}

// Each Progress call comes once per iteration on both loops, and the
// reference loop records the held-out cost as the fast one does.
func TestReferenceLoopHeldOut(t *testing.T) {
	X, y := moons.Make(200, 0.2, 3)
	Xtest, ytest := moons.Make(50, 0.2, 4)
	net := network.New(layer.Init(layer.Tutorial, 1))
	var got [2]*Result
	for i, ref := range []bool{false, true} {
		calls := 0
		r, err := Train(context.Background(), net, X, y, Config{Alpha: 0.5, Iters: 20, Lambda: 0.2, Reference: ref,
			TestX: Xtest, TestY: ytest, Progress: func(int, float64) { calls++ }})
		if err != nil || calls != 20 || len(r.TestCosts) != 20 {
			t.Fatalf("reference %v: %v, %d progress calls, %d held-out costs", ref, err, calls, len(r.TestCosts))
		}
		got[i] = r
	}
	for i, J := range got[1].TestCosts {
		if d := math.Abs(got[0].TestCosts[i]-J) / J; !(d <= 1e-12) {
			t.Fatalf("held-out cost %d: fast %v, reference %v", i+1, got[0].TestCosts[i], J)
		}
	}
}

// Zero values, nil and bad data: an error naming the package, never a
// runtime panic.
func TestTrainBadValues(t *testing.T) {
	X, y := moons.Make(10, 0.1, 0)
	c := Config{Alpha: 0.5, Iters: 2}
	good := network.New(layer.Init(layer.Tutorial, 0))
	nan := X.Copy()
	nan.Data[3] = math.NaN()
	for name, tc := range map[string]struct {
		net *network.Network
		X   *matrix.Dense
		y   []int
		c   Config
	}{
		"nil network":        {nil, X, y, c},
		"zero network":       {&network.Network{}, X, y, c},
		"nil X":              {good, nil, y, c},
		"0 columns":          {good, matrix.New(10, 0), y, c},
		"NaN in X":           {good, nan, y, c},
		"negative label":     {good, X, append([]int{-1}, y[1:]...), c},
		"zero Config":        {good, X, y, Config{}},
		"TestX without Y":    {good, X, y, Config{Alpha: 0.5, Iters: 1, TestX: X}},
		"held-out NaN":       {good, X, y, Config{Alpha: 0.5, Iters: 1, TestX: nan, TestY: y}},
		"held-out bad label": {good, X, y, Config{Alpha: 0.5, Iters: 1, TestX: X, TestY: y[:3]}},
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic %v", name, r)
				}
			}()
			res, err := Train(context.Background(), tc.net, tc.X, tc.y, tc.c)
			if err == nil || res != nil || !strings.HasPrefix(err.Error(), "trainer: ") {
				t.Errorf("%s: %v, %v, want a trainer: error", name, res, err)
			}
		}()
	}
	var ae *dataset.ArgError
	if err := (*Config)(nil).Check(); !errors.As(err, &ae) {
		t.Errorf("nil Config: Check = %v", err)
	}
	defer func() {
		if s, _ := recover().(string); !strings.HasPrefix(s, "trainer: Step:") {
			t.Errorf("Step of mismatched shapes: panic %q", s)
		}
	}()
	Step(good.Theta, good.Theta[:2], 0.1)
}

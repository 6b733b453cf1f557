package trainer

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

func TestConfigCheck(t *testing.T) {
	tests := []struct {
		c    Config
		want string
	}{
		{Config{Alpha: 0, Iters: 1}, "alpha 0: want a finite number > 0"},
		{Config{Alpha: -1, Iters: 1}, "alpha -1"},
		{Config{Alpha: math.NaN(), Iters: 1}, "alpha NaN"},
		{Config{Alpha: math.Inf(1), Iters: 1}, "alpha +Inf"},
		{Config{Alpha: 0.5, Iters: 0}, "iters 0: want at least 1"},
		{Config{Alpha: 0.5, Iters: 1, Lambda: -0.1}, "lambda -0.1: want a finite number >= 0"},
		{Config{Alpha: 0.5, Iters: 1, Lambda: math.NaN()}, "lambda NaN"},
	}
	for _, tt := range tests {
		if err := tt.c.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%+v) = %v, want %q", tt.c, err, tt.want)
		}
	}
	if err := (&Config{Alpha: 0.5, Iters: 1}).Check(); err != nil {
		t.Errorf("valid config: %v", err)
	}
}

func TestBadData(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	X, y := moons.Make(10, 0.1, 0)
	c := Config{Alpha: 0.5, Iters: 3}
	tests := []struct {
		X    *matrix.Dense
		y    []int
		want string
	}{
		{matrix.New(10, 3), y, "the data: network: dimension mismatch: X is 10x3 but the input layer has 2 units"},
		{&matrix.Dense{Rows: 10, Cols: 2, Data: X.Data[:15]}, y, "the data: network: X is 10x2 but holds 15 numbers"},
		{X, append([]int{2}, y[1:]...), "label 2 of example 0 is not a class"},
		{X, y[:5], "5 labels for 10 examples"},
		{matrix.New(0, 2), nil, "no examples"},
	}
	for _, tt := range tests {
		if _, err := Train(context.Background(), net, tt.X, tt.y, c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Train: error %v, want %q", err, tt.want)
		}
	}
}

// A learning rate far too large drives the outputs to exactly 0 or 1, and a
// wrong one of those makes the cost infinite: Train stops with an error that
// names the iteration and asks for a smaller alpha.
func TestDivergence(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	X, y := moons.Make(100, 0.1, 0)
	res, err := Train(context.Background(), net, X, y, Config{Alpha: 1e300, Iters: 50})
	var de *DivergenceError
	if !errors.As(err, &de) {
		t.Fatalf("Train with alpha 1e300: error %v, want a *DivergenceError", err)
	}
	if de.Iter < 2 || de.Iter > 50 || len(res.Costs) != de.Iter-1 {
		t.Errorf("diverged at iteration %d with %d costs recorded", de.Iter, len(res.Costs))
	}
	// The message DivergenceError.Message's documentation shows.
	if want := "trainer: training diverged at iteration 2 of 50: the cost is +Inf; try a smaller alpha than 1e+300"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	for _, c := range res.Costs {
		if !finite.Is(c) {
			t.Errorf("a non-finite cost was recorded: %v", res.Costs)
		}
	}
}

func TestProgressAndCancel(t *testing.T) {
	net := network.New(layer.Init(layer.Tutorial, 0))
	X, y := moons.Make(50, 0.1, 0)
	ctx, cancel := context.WithCancel(context.Background())
	var seen []int
	res, err := Train(ctx, net, X, y, Config{Alpha: 0.5, Iters: 100, Progress: func(iter int, cost float64) {
		seen = append(seen, iter)
		if iter == 7 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if len(seen) != 7 || seen[0] != 1 || seen[6] != 7 || len(res.Costs) != 7 {
		t.Errorf("progress saw iterations %v, %d costs; want 1..7 and 7", seen, len(res.Costs))
	}
}

// Train works on a copy; the caller's weights stay as they were, as the
// tutorial's Thetas.copy() intends.
func TestTrainCopies(t *testing.T) {
	Theta := layer.Init(layer.Tutorial, 0)
	before := Theta[1].Copy()
	net := network.New(Theta)
	X, y := moons.Make(50, 0.1, 0)
	res, err := Train(context.Background(), net, X, y, Config{Alpha: 0.5, Iters: 5})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range before.Data {
		if Theta[1].Data[i] != v {
			t.Fatal("Train changed the caller's Theta")
		}
	}
	if res.Net.Theta[1].Data[0] == before.Data[0] {
		t.Error("the trained network's weights did not move")
	}
	// The costs fall on this easy start.
	if !(res.Costs[4] < res.Costs[0]) {
		t.Errorf("costs %v do not fall", res.Costs)
	}
}

// Train's fast workspace gives what the plain functions give, iteration by
// iteration, to 1e-12.
func TestTrainMatchesPlainLoop(t *testing.T) {
	X, y := moons.Make(300, 0.2, 1)
	net := network.New(layer.Init([]int{2, 4, 3, 2}, 2))
	c := Config{Alpha: 0.7, Iters: 40, Lambda: 0.3}
	res, err := Train(context.Background(), net, X, y, c)
	if err != nil {
		t.Fatal(err)
	}
	plain := net.Copy()
	for n := 0; n < c.Iters; n++ {
		p := network.Forward(plain, X)
		J := network.CostOf(plain, p, y, c.Lambda)
		if d := math.Abs(J - res.Costs[n]); !(d <= 1e-12*J) {
			t.Fatalf("iteration %d: Train's cost %v, the plain loop's %v", n+1, res.Costs[n], J)
		}
		Step(plain.Theta, network.Backprop(plain, p, y, c.Lambda), c.Alpha)
	}
}

// Training gives bitwise the same weights and costs whatever the number of
// cores: the chunks' sums are added in a fixed order (fast.Workspace).
func TestTrainSameOnAnyCores(t *testing.T) {
	X, y := moons.Make(3*2000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	run := func(procs int) *Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := Train(context.Background(), net, X, y, Config{Alpha: 0.5, Iters: 5, Lambda: 0.1})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	one := run(1)
	for _, procs := range []int{2, 3, 8} {
		res := run(procs)
		if !slices.Equal(res.Costs, one.Costs) {
			t.Errorf("GOMAXPROCS %d: costs %v, with 1: %v", procs, res.Costs, one.Costs)
		}
		for l := 1; l < len(one.Net.Theta); l++ {
			if !slices.Equal(res.Net.Theta[l].Data, one.Net.Theta[l].Data) {
				t.Errorf("GOMAXPROCS %d: Theta%d differs from GOMAXPROCS 1", procs, l)
			}
		}
	}
}

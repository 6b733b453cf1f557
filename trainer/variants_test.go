package trainer

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
)

// A batch of m or more, without momentum, is the tutorial's batch gradient
// descent, bit for bit.
func TestWholeBatchIsBatchGradientDescent(t *testing.T) {
	X, y := moons.Make(300, 0.2, 1)
	net := network.New(layer.Init([]int{2, 5, 5, 2}, 0))
	base, err := Train(context.Background(), net, X, y, Config{Alpha: 0.5, Iters: 30, Lambda: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []int{300, 301, 10000} {
		res, err := Train(context.Background(), net, X, y, Config{Alpha: 0.5, Iters: 30, Lambda: 0.1, Batch: b, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range base.Costs {
			if res.Costs[i] != c {
				t.Fatalf("Batch %d: cost %d = %v, batch gradient descent %v", b, i+1, res.Costs[i], c)
			}
		}
		for l := 1; l < len(base.Net.Theta); l++ {
			for i, v := range base.Net.Theta[l].Data {
				if res.Net.Theta[l].Data[i] != v {
					t.Fatalf("Batch %d: Theta%d differs from batch gradient descent", b, l)
				}
			}
		}
	}
}

// plainTrain is mini-batch gradient descent with momentum written out with the
// plain network functions, the definition Train is checked against.
func plainTrain(net *network.Network, X *matrix.Dense, y []int, c Config) (costs, testCosts []float64) {
	net = net.Copy()
	v := zerosLike(net.Theta)
	rs := nprand.New(c.Seed)
	for n := 0; n < c.Iters; n++ {
		costs = append(costs, network.Cost(net, X, y, c.Lambda))
		if c.TestX != nil {
			testCosts = append(testCosts, network.Cost(net, c.TestX, c.TestY, c.Lambda))
		}
		order := make([]int, X.Rows)
		for i := range order {
			order[i] = i
		}
		b := X.Rows
		if c.Batch > 0 && c.Batch < X.Rows {
			order, b = rs.Permutation(X.Rows), c.Batch
		}
		for lo := 0; lo < len(order); lo += b {
			Xb, yb := dataset.Rows(X, y, order[lo:min(lo+b, len(order))])
			D := network.Backprop(net, network.Forward(net, Xb), yb, c.Lambda)
			for l := 1; l < len(D); l++ {
				for i := range D[l].Data {
					v[l].Data[i] = c.Momentum*v[l].Data[i] + D[l].Data[i]
					net.Theta[l].Data[i] -= c.Alpha * v[l].Data[i]
				}
			}
		}
	}
	return costs, testCosts
}

func TestMiniBatchMomentumAndTestCost(t *testing.T) {
	X, y := moons.Make(400, 0.2, 3)
	train, test := dataset.TrainTestSplit(400, 0.25, 0)
	Xtr, ytr := dataset.Rows(X, y, train)
	Xte, yte := dataset.Rows(X, y, test)
	net := network.New(layer.Init([]int{2, 6, 2}, 4))
	for _, c := range []Config{
		{Alpha: 0.5, Iters: 20, Momentum: 0.9},                                  // momentum, whole batch
		{Alpha: 0.2, Iters: 10, Batch: 32, Seed: 5},                             // mini-batches
		{Alpha: 0.2, Iters: 10, Batch: 50, Momentum: 0.5, Lambda: 0.3, Seed: 6}, // both, with λ
		{Alpha: 0.5, Iters: 15, TestX: Xte, TestY: yte, Lambda: 0.1},            // a held-out set
		{Alpha: 0.3, Iters: 8, Batch: 64, Seed: 1, TestX: Xte, TestY: yte},      // ... with mini-batches
	} {
		res, err := Train(context.Background(), net, Xtr, ytr, c)
		if err != nil {
			t.Fatal(err)
		}
		costs, testCosts := plainTrain(net, Xtr, ytr, c)
		if len(res.Costs) != c.Iters || len(res.TestCosts) != len(testCosts) {
			t.Fatalf("%+v: %d costs and %d test costs, want %d and %d", c, len(res.Costs), len(res.TestCosts), c.Iters, len(testCosts))
		}
		for i := range costs {
			if d := math.Abs(res.Costs[i] - costs[i]); !(d <= 1e-12*costs[i]) {
				t.Errorf("batch %d momentum %v: cost %d = %v, plain %v", c.Batch, c.Momentum, i+1, res.Costs[i], costs[i])
				break
			}
		}
		for i := range testCosts {
			if d := math.Abs(res.TestCosts[i] - testCosts[i]); !(d <= 1e-12*testCosts[i]) {
				t.Errorf("test cost %d = %v, plain %v", i+1, res.TestCosts[i], testCosts[i])
				break
			}
		}
	}
}

func TestVariantConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		c    Config
		want string
	}{
		{Config{Alpha: 1, Iters: 1, Batch: -1}, "batch -1"},
		{Config{Alpha: 1, Iters: 1, Momentum: 1}, "momentum 1: want a number in [0, 1)"},
		{Config{Alpha: 1, Iters: 1, Momentum: -0.1}, "momentum -0.1"},
	} {
		if err := tt.c.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%+v) = %v, want %q", tt.c, err, tt.want)
		}
	}
	net := network.New(layer.Init([]int{2, 3, 2}, 0))
	X, y := moons.Make(20, 0.1, 0)
	_, err := Train(context.Background(), net, X, y, Config{Alpha: 1, Iters: 1, TestX: matrix.New(3, 5), TestY: []int{0, 1, 0}})
	if err == nil || !strings.Contains(err.Error(), "the held-out data: network: dimension mismatch: X is 3x5") {
		t.Errorf("a held-out set of the wrong width: error %v", err)
	}
}

package trainer

import (
	"context"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// Observe sees, after each iteration, the costs so far and the weights after
// that iteration's update: the weights a run of exactly that many iterations
// returns.
func TestObserve(t *testing.T) {
	X, y := moons.Make(50, 0.1, 0)
	testX, testY := moons.Make(20, 0.1, 1)
	net := network.New(layer.Init(layer.Tutorial, 0))
	c := Config{Alpha: 0.5, Iters: 5, TestX: testX, TestY: testY}
	seen := map[int]*network.Network{}
	kept := map[int][2][]float64{}
	c.Observe = func(iter int, r *Result) {
		if len(r.Costs) != iter || len(r.TestCosts) != iter {
			t.Errorf("Observe(%d): %d costs and %d test costs, want %d of each", iter, len(r.Costs), len(r.TestCosts), iter)
		}
		seen[iter] = r.Net.Copy()
		kept[iter] = [2][]float64{r.Costs[:iter], r.TestCosts[:iter]}
	}
	res, err := Train(context.Background(), net, X, y, c)
	if err != nil {
		t.Fatal(err)
	}
	// The costs kept are still those recorded.
	for iter, k := range kept {
		for i := range iter {
			if k[0][i] != res.Costs[i] || k[1][i] != res.TestCosts[i] {
				t.Fatalf("the costs kept at iteration %d changed at %d", iter, i+1)
			}
		}
	}
	for iter := 1; iter <= c.Iters; iter++ {
		short := c
		short.Iters, short.Observe = iter, nil
		want, err := Train(context.Background(), net, X, y, short)
		if err != nil {
			t.Fatal(err)
		}
		got := seen[iter]
		if got == nil {
			t.Fatalf("Observe was not called for iteration %d", iter)
		}
		for l := 1; l < len(got.Theta); l++ {
			for i, v := range got.Theta[l].Data {
				if v != want.Net.Theta[l].Data[i] {
					t.Fatalf("iteration %d: Theta%d[%d] = %v in Observe, %v after Train with Iters %d", iter, l, i, v, want.Net.Theta[l].Data[i], iter)
				}
			}
		}
	}
}

// A weight Observe sets is where the next iteration starts, in both
// engines: 3 iterations, a weight typed by hand, 3 more equal 3 iterations
// and then 3 from the edited weights.
func TestObserveSetsWeight(t *testing.T) {
	X, y := moons.Make(60, 0.1, 2)
	net := network.New(layer.Init(layer.Tutorial, 1))
	for _, reference := range []bool{false, true} {
		c := Config{Alpha: 0.5, Iters: 6, Reference: reference}
		c.Observe = func(iter int, r *Result) {
			if iter == 3 {
				r.Net.Theta[2].Set(4, 2, 2.5)
			}
		}
		got, err := Train(context.Background(), net, X, y, c)
		if err != nil {
			t.Fatal(err)
		}
		first := Config{Alpha: 0.5, Iters: 3, Reference: reference}
		res, err := Train(context.Background(), net, X, y, first)
		if err != nil {
			t.Fatal(err)
		}
		res.Net.Theta[2].Set(4, 2, 2.5)
		want, err := Train(context.Background(), res.Net, X, y, first)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			if got.Costs[3+i] != want.Costs[i] {
				t.Errorf("reference %v: cost of iteration %d %v, from the edited weights %v", reference, 4+i, got.Costs[3+i], want.Costs[i])
			}
		}
		for l := 1; l < len(got.Net.Theta); l++ {
			for i, v := range got.Net.Theta[l].Data {
				if v != want.Net.Theta[l].Data[i] {
					t.Fatalf("reference %v: Theta%d[%d] = %v, from the edited weights %v", reference, l, i, v, want.Net.Theta[l].Data[i])
				}
			}
		}
	}
}

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

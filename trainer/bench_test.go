package trainer

import (
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// BenchmarkIteration times one full gradient-descent iteration, the cost
// included, as the tutorial's train_network loop body does it:
//
//	take1  1000 moons examples, 2-5-5-2 (the tutorial's Take 1)
//	take2  500 examples (Take 2)
//	m100k  100,000 examples, 2-5-5-2
//	wide   10,000 examples, 2-64-64-2
//
// docs/performance.md compares these with the numpy tutorial's code.
func BenchmarkIteration(b *testing.B) {
	cases := []struct {
		name  string
		m, n  int
		sizes []int
	}{
		{"take1", 1000, 1000, layer.Tutorial},
		{"take2", 500, 1000, layer.Tutorial},
		{"m100k", 100000, 100000, layer.Tutorial},
		{"wide", 10000, 10000, []int{2, 64, 64, 2}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			X, y := moons.Make(c.n, 0.1, 0)
			X = &matrix.Dense{Rows: c.m, Cols: 2, Data: X.Data[:2*c.m]}
			net := network.New(layer.Init(c.sizes, 0))
			ws := network.NewWorkspace(net, X, y[:c.m], 0)
			defer ws.Close()
			b.ReportAllocs()
			for b.Loop() {
				_, D := ws.Gradient()
				Step(net.Theta, D, 0.5)
			}
		})
	}
}

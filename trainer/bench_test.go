package trainer

import (
	"context"
	"fmt"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

// BenchmarkIteration times one full gradient-descent iteration, the cost
// included, as the tutorial's train_network loop body does it:
//
//	take1  1000 moons examples, 2-5-5-2 (the tutorial's Take 1)
//	take2  500 examples (Take 2)
//	m100k  100,000 examples, 2-5-5-2
//	wide   10,000 examples, 2-64-64-2
//	digits the 1797 digits of testdata/digits.csv.gz, standardized, 64-25-10
//	iris   the 150 irises of testdata/iris.csv, standardized, 4-10-3
//
// docs/performance.md compares these with the numpy tutorial's code. Besides
// the time per iteration, each reports cpu-ns/op, the CPU time of all cores
// per iteration (on Linux).
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
			benchIterationOn(b, &matrix.Dense{Rows: c.m, Cols: 2, Data: X.Data[:2*c.m]}, y[:c.m], c.sizes)
		})
	}
	for _, c := range []struct {
		name, file string
		hidden     int
	}{
		{"digits", "../testdata/digits.csv.gz", 25},
		{"iris", "../testdata/iris.csv", 10},
	} {
		b.Run(c.name, func(b *testing.B) {
			d, err := dataset.ReadCSV(c.file)
			if err != nil {
				b.Fatal(err)
			}
			X, err := model.FitScaler(d.X).Transform(d.X) // as scikit-learn's StandardScaler
			if err != nil {
				b.Fatal(err)
			}
			benchIterationOn(b, X, d.Y, []int{X.Cols, c.hidden, d.K})
		})
	}
}

// BenchmarkScaling times one iteration as the number of examples grows
// (2-5-5-2) and as the hidden layers widen (2-w-w-2, 10,000 examples).
// docs/numpy/bench.py --scaling times the numpy tutorial on the same cases.
func BenchmarkScaling(b *testing.B) {
	for _, m := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("m=%d", m), func(b *testing.B) { benchIteration(b, m, layer.Tutorial) })
	}
	for _, w := range []int{5, 16, 32, 64, 128} {
		b.Run(fmt.Sprintf("width=%d", w), func(b *testing.B) { benchIteration(b, 10000, []int{2, w, w, 2}) })
	}
}

// benchIteration times Gradient and Step on make_moons(m, 0.1, 0).
func benchIteration(b *testing.B, m int, sizes []int) {
	X, y := moons.Make(m, 0.1, 0)
	benchIterationOn(b, X, y, sizes)
}

// benchIterationOn times Gradient and Step, one iteration of gradient descent
// with its cost, on the examples X.
func benchIterationOn(b *testing.B, X *matrix.Dense, y []int, sizes []int) {
	net := network.New(layer.Init(sizes, 0))
	ws := fast.NewWorkspace(net, X, y, 0)
	defer ws.Close()
	b.ReportAllocs()
	cpu0, ok := processCPU()
	for b.Loop() {
		_, D := ws.Gradient()
		Step(net.Theta, D, 0.5)
	}
	if cpu1, ok1 := processCPU(); ok && ok1 {
		// The CPU time of all cores per iteration: with -cpu 1, one core's
		// work, which other programs on the machine hardly change.
		b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMiniBatch times one epoch of mini-batch gradient descent on the
// tutorial's 1000 moons (2-5-5-2), the whole set's cost before it included,
// for batches of 32 (32 updates, the last on 8 examples) and 250. One Train
// call runs all b.N epochs, so its setup is spread over them.
func BenchmarkMiniBatch(b *testing.B) {
	X, y := moons.Make(1000, 0.1, 0)
	for _, batch := range []int{32, 250} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			net := network.New(layer.Init(layer.Tutorial, 0))
			b.ReportAllocs()
			if _, err := Train(context.Background(), net, X, y, Config{Alpha: 0.1, Iters: b.N, Batch: batch}); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// BenchmarkReferenceTake2 times the reference loop (Config.Reference) on the
// tutorial's Take 2: 500 moons, 2-5-5-2, alpha 0.5, 5000 iterations, the
// final cost included.
func BenchmarkReferenceTake2(b *testing.B) {
	X, y := moons.Make(1000, 0.1, 0)
	X500 := &matrix.Dense{Rows: 500, Cols: 2, Data: X.Data[:1000]}
	net := network.New(layer.Init(layer.Tutorial, 0))
	for b.Loop() {
		if _, err := Train(context.Background(), net, X500, y[:500], Config{Alpha: 0.5, Iters: 5000, Reference: true}); err != nil {
			b.Fatal(err)
		}
	}
}

package fast

import (
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// BenchmarkBoundaryGrid times predicting the tutorial's decision-boundary grid:
// 1000 x 1000 points (plot_decision_boundary's steps = 1000) through the
// tutorial's 2-5-5-2 network. "points" is Predict on the grid's points as a
// 1,000,000 x 2 matrix, what the tutorial's predict is given; "grid" is
// PredictGrid, which shares the first layer's work along rows and columns.
func BenchmarkBoundaryGrid(b *testing.B) {
	const steps = 1000
	xs := matrix.Linspace(-2.2, 3.2, steps, true)
	ys := matrix.Linspace(-1.7, 2.3, steps, true)
	points := matrix.New(steps*steps, 2)
	for j, y := range ys {
		for i, x := range xs {
			r := points.Row(j*steps + i)
			r[0], r[1] = x, y
		}
	}
	net := network.New(layer.Init(layer.Tutorial, 0))
	b.Run("points", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Predict(net, points)
		}
	})
	b.Run("grid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			PredictGrid(net, xs, ys)
		}
	})
}

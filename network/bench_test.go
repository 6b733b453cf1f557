package network

import (
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// BenchmarkBoundaryGrid times predicting the tutorial's decision-boundary grid:
// 1000 x 1000 points (plot_decision_boundary's steps = 1000) through the
// tutorial's 2-5-5-2 network, as Predict does for a figure.
func BenchmarkBoundaryGrid(b *testing.B) {
	const steps = 1000
	grid := matrix.New(steps*steps, 2)
	for j := 0; j < steps; j++ {
		for i := 0; i < steps; i++ {
			r := grid.Row(j*steps + i)
			r[0], r[1] = -2.2+5.4*float64(i)/(steps-1), -1.7+4*float64(j)/(steps-1)
		}
	}
	net := New(layer.Init(layer.Tutorial, 0))
	b.ReportAllocs()
	for b.Loop() {
		net.Predict(grid)
	}
}

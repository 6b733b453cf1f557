package fast_test

import (
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
)

// A workspace gives the cost and gradients that network.CostOf and
// network.Backprop give, once per call, as gradient descent needs them.
func ExampleWorkspace() {
	X, y := moons.Make(1000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	ws := fast.NewWorkspace(net, X, y, 0)
	defer ws.Close()
	J, D := ws.Gradient()
	fmt.Printf("J = %.6f, D^(3) is %d x %d\n", J, D[3].Rows, D[3].Cols)
	fmt.Printf("network.Cost = %.6f\n", network.Cost(net, X, y, 0))
	// Output:
	// J = 1.401466, D^(3) is 2 x 6
	// network.Cost = 1.401466
}

// PredictGrid classifies every point of a grid, as a decision-boundary plot
// needs: here class 1 where x > y, and class 0 on ties (x = y) and below.
func ExamplePredictGrid() {
	net := network.New([]*matrix.Dense{nil, matrix.FromRows([][]float64{
		{0, -1, 1}, // z_0 = y - x
		{0, 1, -1}, // z_1 = x - y
	})})
	xs, ys := []float64{-1, 0, 1}, []float64{1, 0, -1}
	labels := fast.PredictGrid(net, xs, ys)
	for j, y := range ys {
		fmt.Printf("y = %2v: %v\n", y, labels[j*len(xs):(j+1)*len(xs)])
	}
	// Output:
	// y =  1: [0 0 0]
	// y =  0: [0 0 1]
	// y = -1: [0 1 1]
}

package network_test

import (
	"bytes"
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// Forward propagation through the tutorial's network, and the cost and
// gradients of the untrained weights.
func Example() {
	X, y := moons.Make(1000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	p := net.Forward(X)
	for l := 1; l <= net.L(); l++ {
		fmt.Printf("a^(%d): %d x %d\n", l, p.A[l].Rows, p.A[l].Cols)
	}
	fmt.Printf("J = %.6f\n", net.CostOf(p, y, 0))
	D := net.Backprop(p, y, 0)
	fmt.Printf("D^(3) is %d x %d, like Theta3\n", D[3].Rows, D[3].Cols)
	// Output:
	// a^(1): 3 x 1000
	// a^(2): 6 x 1000
	// a^(3): 6 x 1000
	// a^(4): 2 x 1000
	// J = 1.401466
	// D^(3) is 2 x 6, like Theta3
}

func ExampleNetwork_CheckGradients() {
	net := network.New(layer.Init([]int{2, 5, 5, 2}, 0))
	X, y := moons.Make(20, 0.1, 0)
	r := net.CheckGradients(X, y, 1.0)
	fmt.Println("backpropagation agrees:", r.Max < 1e-7)
	// Output:
	// backpropagation agrees: true
}

// A model saved by ann (or by numpy.savez with arrays Theta1, Theta2, ...) is
// read back and predicts.
func ExampleReadModel() {
	var file bytes.Buffer
	m := &network.Model{Net: network.New(layer.Init(layer.Tutorial, 0))}
	if err := m.WriteNPZ(&file); err != nil {
		fmt.Println(err)
		return
	}
	loaded, err := network.ReadModel(bytes.NewReader(file.Bytes()), int64(file.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	X := matrix.FromRows([][]float64{{0, 1}, {1, -0.5}})
	fmt.Println(loaded.Net.Sizes(), loaded.Predict(X))
	// Output:
	// [2 5 5 2] [1 1]
}

// PredictGrid classifies every point of a grid, as a decision-boundary plot
// needs: here class 1 where x > y, and class 0 on ties (x = y) and below.
func ExampleNetwork_PredictGrid() {
	net := network.New([]*matrix.Dense{nil, matrix.FromRows([][]float64{
		{0, -1, 1}, // z_0 = y - x
		{0, 1, -1}, // z_1 = x - y
	})})
	xs, ys := []float64{-1, 0, 1}, []float64{1, 0, -1}
	labels := net.PredictGrid(xs, ys)
	for j, y := range ys {
		fmt.Printf("y = %2v: %v\n", y, labels[j*len(xs):(j+1)*len(xs)])
	}
	// Output:
	// y =  1: [0 0 0]
	// y =  0: [0 0 1]
	// y = -1: [0 1 1]
}

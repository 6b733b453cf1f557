package network_test

import (
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
	p := network.Forward(net, X)
	for l := 1; l <= net.L(); l++ {
		fmt.Printf("a^(%d): %d x %d\n", l, p.A[l].Rows, p.A[l].Cols)
	}
	fmt.Printf("J = %.6f\n", network.CostOf(net, p, y, 0))
	D := network.Backprop(net, p, y, 0)
	fmt.Printf("D^(3) is %d x %d, like Theta3\n", D[3].Rows, D[3].Cols)
	// Output:
	// a^(1): 3 x 1000
	// a^(2): 6 x 1000
	// a^(3): 6 x 1000
	// a^(4): 2 x 1000
	// J = 1.401466
	// D^(3) is 2 x 6, like Theta3
}

// The tutorial's forward_prop on a network small enough to follow by hand:
// one input, two hidden units, one output, and the example x = 2.
func ExampleForward() {
	net, err := network.FromWeights(
		matrix.FromRows([][]float64{{0, 1}, {1, -1}}), // Θ^(1): z^(2) = [x; 1 - x]
		matrix.FromRows([][]float64{{-1, 2, 2}}),      // Θ^(2): z^(3) = -1 + 2 a_1 + 2 a_2
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	X := matrix.FromRows([][]float64{{2}})
	p := network.Forward(net, X)
	fmt.Printf("a^(1) = %v\n", p.A[1].Data)      // [1; x]
	fmt.Printf("z^(2) = %v\n", p.Z[2].Data)      // Θ^(1) a^(1)
	fmt.Printf("a^(2) = %.4f\n", p.A[2].Data)    // [1; g(z^(2))]
	fmt.Printf("z^(3) = %.4f\n", p.Z[3].Data)    // Θ^(2) a^(2)
	fmt.Printf("h = a^(3) = %.4f\n", p.H().Data) // g(z^(3)), no bias unit
	// Output:
	// a^(1) = [1 2]
	// z^(2) = [2 -1]
	// a^(2) = [1.0000 0.8808 0.2689]
	// z^(3) = [1.2995]
	// h = a^(3) = [0.7857]
}

// Backpropagation on the same small network, for the example x = 2 of class
// 0: with one output unit, y = [1] for class 0, so δ^(3) = h - 1.
func ExampleBackprop() {
	net, _ := network.FromWeights(
		matrix.FromRows([][]float64{{0, 1}, {1, -1}}),
		matrix.FromRows([][]float64{{-1, 2, 2}}),
	)
	X, y := matrix.FromRows([][]float64{{2}}), []int{0}
	p := network.Forward(net, X)
	D := network.Backprop(net, p, y, 0)
	fmt.Printf("D^(1) = %.4f\n", D[1].Data) // δ^(2) (a^(1))ᵀ
	fmt.Printf("D^(2) = %.4f\n", D[2].Data) // δ^(3) (a^(2))ᵀ
	fmt.Printf("J = %.4f\n", network.CostOf(net, p, y, 0))
	// Output:
	// D^(1) = [-0.0450 -0.0900 -0.0842 -0.1685]
	// D^(2) = [-0.2143 -0.1887 -0.0576]
	// J = 0.2411
}

// The tutorial's predict: the class of the largest output unit.
func ExamplePredict() {
	net, _ := network.FromWeights(matrix.FromRows([][]float64{
		{0, -1}, // z_0 = -x
		{0, 1},  // z_1 = x
	}))
	X := matrix.FromRows([][]float64{{-2}, {0}, {3}})
	fmt.Println(network.Predict(net, X)) // ties (x = 0) go to the first class
	// Output:
	// [0 0 1]
}

func ExampleCheckGradients() {
	net := network.New(layer.Init([]int{2, 5, 5, 2}, 0))
	X, y := moons.Make(20, 0.1, 0)
	r := network.CheckGradients(net, X, y, 1.0)
	fmt.Println("backpropagation agrees:", r.Max < 1e-7)
	// Output:
	// backpropagation agrees: true
}

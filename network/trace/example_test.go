package trace_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/trace"
)

// The trace of the smallest network, one input and one output unit, for
// x = 2 of class 0: here only its cost line and its closing checks.
func ExampleWrite() {
	net, _ := network.FromWeights(matrix.FromRows([][]float64{{-1, 0.5}})) // z = -1 + 0.5 x
	var out bytes.Buffer
	if err := trace.Write(&out, net, []float64{2}, 0, 0); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "J = 0") || strings.Contains(line, "above vs") {
			fmt.Println(line)
		}
	}
	// Output:
	// J = 0.693147 + 0.000000 = 0.693147   (numpy: calculate_cost(X, y, Thetas, lamb))
	// J above vs network.CostOf(n, network.Forward(n, X), y, λ): relative difference 0, matches CostOf: yes
	// D above vs network.Backprop(n, network.Forward(n, X), y, λ): largest difference 0, matches Backprop: yes
	// D above vs the numerical gradient (network.CheckGradients): largest relative difference below 1e-7: yes
}

// Two examples at once, x = 2 and x = -2, both of class 0: the cost is the
// mean of theirs, -log(g(0)) = 0.693147 and -log(g(-2)) = 2.126928, and one
// step of gradient descent lowers it.
func ExampleWriteExamples() {
	net, _ := network.FromWeights(matrix.FromRows([][]float64{{-1, 0.5}}))
	X := matrix.FromRows([][]float64{{2}, {-2}})
	var out bytes.Buffer
	if err := trace.WriteExamples(&out, net, X, []int{0, 0}, trace.Options{Alpha: 0.5}); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "cross-entropy") || strings.HasPrefix(line, "J before") || strings.HasPrefix(line, "J after") {
			fmt.Println(line)
		}
	}
	// Output:
	// cross-entropy   (1/m) Σ terms = (1/2) × 2.820075 = 1.410038
	// J before the update  1.410038
	// J after the update   1.115871   (change -0.294167)
}

package network_test

import (
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// Backpropagation with its intermediates, and a variation of it: the
// tutorial's steps with D^(l) missing its 1/m, a classic mistake, differ from
// the tutorial's in D and nowhere before it.
func ExampleSteps_Backward() {
	X, y := moons.Make(3, 0.1, 0)
	net := network.New(layer.Init([]int{2, 3, 2}, 0))
	p := network.Forward(net, X)
	b := network.Tutorial.Backward(net, p, y, 0)
	fmt.Printf("δ^(3) %dx%d, δ^(2) %dx%d, Δ^(1) %dx%d\n",
		b.SmallDelta[3].Rows, b.SmallDelta[3].Cols, b.SmallDelta[2].Rows, b.SmallDelta[2].Cols, b.Delta[1].Rows, b.Delta[1].Cols)

	noM := network.Tutorial
	noM.D = func(Delta, reg *matrix.Dense, m int) *matrix.Dense { return matrix.Add(Delta, reg) }
	w := noM.Backward(net, p, y, 0)
	fmt.Printf("D^(1)_{0,0}: %.6f, without the 1/m %.6f (m = %d)\n", b.D[1].At(0, 0), w.D[1].At(0, 0), X.Rows)
	fmt.Println("same Δ^(1):", b.Delta[1].At(0, 0) == w.Delta[1].At(0, 0))
	// Output:
	// δ^(3) 2x3, δ^(2) 3x3, Δ^(1) 3x3
	// D^(1)_{0,0}: 0.038627, without the 1/m 0.115880 (m = 3)
	// same Δ^(1): true
}

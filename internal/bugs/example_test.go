package bugs_test

import (
	"fmt"

	"github.com/ann-go/ann/internal/bugs"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// A gradient check tells the tutorial's backpropagation from one that drops
// g'(z^(l)).
func Example() {
	n := network.New(layer.Init(layer.Tutorial, 0))
	X := matrix.FromRows([][]float64{{0.5, -0.3}, {-0.9, 0.2}, {0.1, 0.8}})
	y := []int{0, 1, 1}
	bug, _ := bugs.Find("no-gprime")
	fmt.Println("Backprop passes:", network.CheckGradients(n, X, y, 0).Max < 1e-7)
	fmt.Println("no-gprime passes:", network.CheckGradientsOf(n, X, y, 0, bug.Backprop).Max < 1e-7)
	// Output:
	// Backprop passes: true
	// no-gprime passes: false
}

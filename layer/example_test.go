package layer_test

import (
	"fmt"

	"github.com/ann-go/ann/layer"
)

// The tutorial's cell 9: np.random.seed(0), then one Theta per pair of layers.
func ExampleInit() {
	Theta := layer.Init(layer.Tutorial, 0)
	for l := 1; l < len(Theta); l++ {
		fmt.Printf("Theta%d shape: %d by %d\n", l, Theta[l].Rows, Theta[l].Cols)
	}
	fmt.Printf("Theta1[0][0] = %.6f\n", Theta[1].At(0, 0))
	// Output:
	// Theta1 shape: 5 by 3
	// Theta2 shape: 5 by 6
	// Theta3 shape: 2 by 6
	// Theta1[0][0] = 0.042274
}

package sigmoid_test

import (
	"fmt"

	"github.com/ann-go/ann/sigmoid"
)

func Example() {
	for _, z := range []float64{-2, 0, 2} {
		a := sigmoid.G(z)
		fmt.Printf("g(%v) = %.4f  g'(%v) = %.4f = a(1-a) = %.4f\n", z, a, z, sigmoid.Gradient(z), sigmoid.GradientFromA(a))
	}
	// Output:
	// g(-2) = 0.1192  g'(-2) = 0.1050 = a(1-a) = 0.1050
	// g(0) = 0.5000  g'(0) = 0.2500 = a(1-a) = 0.2500
	// g(2) = 0.8808  g'(2) = 0.1050 = a(1-a) = 0.1050
}

// Package sigmoid is the activation function g(z) of the tutorial's "Setting up
// our network" section (its sigmoid and sigmoid_gradient) and its derivative:
//
//	g(z)  = 1 / (1 + e^(-z))
//	g'(z) = g(z) (1 - g(z))
//
// The tutorial computes g'(z) by calling sigmoid twice. Backpropagation already
// holds a = g(z) from the forward pass, so GradientFromA gives g'(z) as a(1-a)
// without another exponential; it is the same number.
//
// Special cases:
//
//	G(+Inf) = 1, G(-Inf) = 0, G(NaN) = NaN
//	G(z) rounds to exactly 1 for z > about 36.7, so 1 - G(z) is then 0
package sigmoid

import (
	"math"

	"github.com/ann-go/ann/matrix"
)

// G returns the sigmoid of z, 1 / (1 + e^(-z)).
func G(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Gradient returns g'(z) = g(z)(1 - g(z)), the tutorial's sigmoid_gradient.
func Gradient(z float64) float64 {
	g := G(z)
	return g * (1 - g)
}

// GradientFromA returns g'(z) given a = g(z): a(1 - a).
func GradientFromA(a float64) float64 { return a * (1 - a) }

// Apply returns g applied to every element of z, numpy's sigmoid(z) on an array.
func Apply(z *matrix.Dense) *matrix.Dense { return matrix.Apply(G, z) }

// ApplyGradient returns g' applied to every element of z.
func ApplyGradient(z *matrix.Dense) *matrix.Dense { return matrix.Apply(Gradient, z) }

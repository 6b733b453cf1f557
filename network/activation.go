package network

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/sigmoid"
)

// Activation is the function g of the hidden layers. The tutorial uses the
// sigmoid and names the hyperbolic tangent as another common choice:
//
//	Sigmoid: g(z) = 1 / (1 + e^(-z))   g'(z) = a (1 - a)
//	Tanh:    g(z) = tanh z             g'(z) = 1 - a²
//	ReLU:    g(z) = max(0, z)          g'(z) = 1 if a > 0, else 0
//
// where a = g(z): each derivative is computed from the activation the forward
// pass already holds.
type Activation int

// The activations.
const (
	Sigmoid Activation = iota
	Tanh
	ReLU
)

var activationNames = []string{"sigmoid", "tanh", "relu"}

// String returns the activation's name: "sigmoid", "tanh" or "relu".
func (g Activation) String() string {
	if g < 0 || int(g) >= len(activationNames) {
		return fmt.Sprintf("Activation(%d)", int(g))
	}
	return activationNames[g]
}

// ParseActivation returns the activation with the given name.
func ParseActivation(name string) (Activation, error) {
	for i, s := range activationNames {
		if s == name {
			return Activation(i), nil
		}
	}
	return 0, fmt.Errorf("network: unknown activation %q: want sigmoid, tanh or relu", name)
}

// G returns g(z).
func (g Activation) G(z float64) float64 {
	switch g {
	case Sigmoid:
		return sigmoid.G(z)
	case Tanh:
		return math.Tanh(z)
	case ReLU:
		return max(0, z)
	}
	panic("network: " + g.String())
}

// GradientFromA returns g'(z) given a = g(z).
func (g Activation) GradientFromA(a float64) float64 {
	switch g {
	case Sigmoid:
		return sigmoid.GradientFromA(a)
	case Tanh:
		return 1 - float64(a*a) // a² rounded, then subtracted: no FMA, the same bits on every CPU
	case ReLU:
		if a > 0 {
			return 1
		}
		return 0
	}
	panic("network: " + g.String())
}

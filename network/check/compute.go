package check

import (
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Inputs are what a learner's code runs on: the weights, the examples and
// the settings of training.
type Inputs struct {
	// Theta[l] is Θ^(l), l = 1..L-1; Theta[0] is nil.
	Theta []*matrix.Dense
	// X holds the examples, m x s_1, one per row; Y their labels 0..K-1.
	X *matrix.Dense
	Y []int
	// Lambda is λ; Alpha is α and Iters the iterations of train_network.
	Lambda, Alpha float64
	Iters         int
	// Seed is the np.random.seed before cell 9 draws the initial weights.
	Seed uint32
}

// Check reports what is wrong with in: weights that do not chain, examples
// that do not fit them, labels that are not classes, settings out of range.
func (in *Inputs) Check() error {
	if len(in.Theta) < 2 {
		return fmt.Errorf("check: no Theta1: the weights are Theta1, Theta2 and so on")
	}
	sizes, err := layer.Sizes(in.Theta)
	if err != nil {
		return fmt.Errorf("check: the Thetas do not chain: %v", err)
	}
	n := network.New(in.Theta)
	if in.X == nil || in.X.Rows == 0 {
		return fmt.Errorf("check: X holds no examples")
	}
	if err := n.CheckX(in.X); err != nil {
		return fmt.Errorf("check: X does not fit Theta1 (%d inputs): %v", sizes[0], err)
	}
	if err := n.CheckLabels(in.Y, in.X.Rows); err != nil {
		return fmt.Errorf("check: y: %v", err)
	}
	if !(in.Lambda >= 0) || !(in.Alpha >= 0) || in.Lambda > 1e300 || in.Alpha > 1e300 {
		return fmt.Errorf("check: lambda %v and alpha %v: want finite numbers >= 0", in.Lambda, in.Alpha)
	}
	if in.Iters < 0 || in.Iters > 100000 {
		return fmt.Errorf("check: iters %d: want 0 to 100000", in.Iters)
	}
	return nil
}

// Names returns the names of the quantities check compares, in the order it
// compares them, for the network in's weights make.
func (in *Inputs) Names() []string {
	L := len(in.Theta)
	names := []string{"A1"}
	for l := 2; l <= L; l++ {
		names = append(names, fmt.Sprintf("Z%d", l), fmt.Sprintf("A%d", l))
	}
	names = append(names, "J")
	for l := L; l >= 2; l-- {
		names = append(names, fmt.Sprintf("d%d", l))
	}
	for _, prefix := range []string{"Delta", "D"} {
		for l := 1; l < L; l++ {
			names = append(names, fmt.Sprintf("%s%d", prefix, l))
		}
	}
	names = append(names, "costs")
	for l := 1; l < L; l++ {
		names = append(names, fmt.Sprintf("Trained%d", l))
	}
	names = append(names, "costs2")
	for l := 1; l < L; l++ {
		names = append(names, fmt.Sprintf("Init%d", l))
	}
	return names
}

// Expected returns every quantity of Names computed from in's own weights
// and examples with the mistake mk (nil: the tutorial's code), in numpy's
// layout: A1 is m x (s_1 + 1), J 1 x 1, costs 1 x Iters. With mk.Stream
// there are no Init arrays: another stream's numbers are not known. It
// panics unless in.Check() is nil.
func (in *Inputs) Expected(mk *Mistake) map[string]*matrix.Dense {
	if err := in.Check(); err != nil {
		panic(err.Error())
	}
	steps, cost := network.Tutorial, network.CostOf
	if mk != nil {
		steps = mk.Steps
		if mk.Cost != nil {
			cost = mk.Cost
		}
	}
	n := network.New(in.Theta)
	L := n.L()
	e := map[string]*matrix.Dense{}
	p := network.Forward(n, in.X)
	for l := 1; l <= L; l++ {
		e[fmt.Sprint("A", l)] = matrix.T(p.A[l])
		if l > 1 {
			e[fmt.Sprint("Z", l)] = matrix.T(p.Z[l])
		}
	}
	e["J"] = scalar(cost(n, p, in.Y, in.Lambda))
	b := steps.Backward(n, p, in.Y, in.Lambda)
	for l := 1; l < L; l++ {
		e[fmt.Sprint("d", l+1)] = matrix.T(b.SmallDelta[l+1])
		e[fmt.Sprint("Delta", l)] = b.Delta[l]
		e[fmt.Sprint("D", l)] = b.D[l]
	}
	train := func(start *network.Network) (*network.Network, *matrix.Dense) {
		t := start.Copy()
		costs := matrix.New(1, in.Iters)
		for it := 0; it < in.Iters; it++ {
			p := network.Forward(t, in.X)
			costs.Data[it] = cost(t, p, in.Y, in.Lambda)
			D := steps.Backward(t, p, in.Y, in.Lambda).D
			for l := 1; l < L; l++ {
				t.Theta[l] = matrix.Sub(t.Theta[l], matrix.Scale(in.Alpha, D[l]))
			}
		}
		return t, costs
	}
	trained, costs := train(n)
	e["costs"], e["costs2"] = costs, costs
	if mk != nil && mk.InPlace {
		_, e["costs2"] = train(trained)
	}
	for l := 1; l < L; l++ {
		e[fmt.Sprint("Trained", l)] = trained.Theta[l]
	}
	if mk == nil || !mk.Stream {
		for l, t := range layer.Init(n.Sizes(), in.Seed)[1:] {
			e[fmt.Sprint("Init", l+1)] = t
		}
	}
	return e
}

// scalar returns v as a 1 x 1 matrix.
func scalar(v float64) *matrix.Dense { return &matrix.Dense{Rows: 1, Cols: 1, Data: []float64{v}} }

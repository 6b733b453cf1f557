package trainer

import (
	"context"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// trainReference is Train with Config.Reference: the tutorial's
// train_network line by line, on package network's functions. Forward
// propagation runs once per iteration and serves both the cost and
// backpropagation (the tutorial runs it twice; the numbers are the same).
func trainReference(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, c Config) (*Result, error) {
	res := &Result{Net: net.Copy()} // Thetas.copy(): the caller's weights stay
	Theta := res.Net.Theta
	for n := 1; n <= c.Iters; n++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		p := network.Forward(res.Net, X)             // a^(l), z^(l) for every layer
		J := network.CostOf(res.Net, p, y, c.Lambda) // J(Θ) before this update
		testJ := 0.0
		if c.TestX != nil {
			testJ = network.Cost(res.Net, c.TestX, c.TestY, c.Lambda)
		}
		if err := res.record(n, J, testJ, &c); err != nil {
			return res, err
		}
		if c.stop != nil {
			V := network.Cost(res.Net, c.stop.X, c.stop.y, c.Lambda) // the validation cost
			if stop, err := res.validate(n, V, &c); err != nil || stop {
				if err != nil {
					return res, err
				}
				break
			}
		}
		D := network.Backprop(res.Net, p, y, c.Lambda) // D^(l) = ∂J/∂Θ^(l)
		Step(Theta, D, c.Alpha)                        // Θ^(l) := Θ^(l) - α D^(l)
		c.after(n, J, res)
	}
	if c.stop != nil {
		c.stop.restore(res.Net, res, len(res.Costs), c.Iters) // the best weights
	}
	return res, res.finish(network.Cost(res.Net, X, y, c.Lambda), &c)
}

package trainer

import (
	"errors"
	"fmt"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
)

// earlyStop is early stopping's state: the validation rows, the best
// validation cost so far, its iteration and weights, and how many iterations
// in a row have not improved on it by more than tol.
type earlyStop struct {
	trainRows, valRows []int
	X                  *matrix.Dense // the validation rows
	y                  []int
	patience           int
	tol                float64

	best     float64
	bestIter int
	bestNet  *network.Network
	noChange int
}

// newEarlyStop splits the examples of labels y as c asks, or returns a
// *dataset.ArgError for the validation fraction if the split cannot be made or
// leaves a class of y without training or validation rows.
func newEarlyStop(net *network.Network, y []int, c *Config) (*earlyStop, error) {
	f := c.ValidationFraction
	if f == 0 {
		f = 0.1
	}
	e := &earlyStop{patience: c.NIterNoChange, tol: c.Tol, bestNet: net.Copy()}
	if e.patience == 0 {
		e.patience = 10
	}
	bad := func(want string) error {
		return configError("validation-fraction", f, want)
	}
	var err error
	e.trainRows, e.valRows, err = dataset.StratifiedSplit(y, f, c.ValidationSeed)
	if err != nil {
		var ae *dataset.ArgError
		if errors.As(err, &ae) {
			return nil, bad(fmt.Sprintf("cannot set aside a stratified validation set of %d examples: %s", len(y), ae.Want))
		}
		return nil, err
	}
	inTrain, inVal := map[int]bool{}, map[int]bool{}
	for _, i := range e.trainRows {
		inTrain[y[i]] = true
	}
	for _, i := range e.valRows {
		inVal[y[i]] = true
	}
	for _, k := range y {
		if !inVal[k] {
			return nil, bad(fmt.Sprintf("leaves class %d with no validation rows (of %d examples, %d set aside): want a larger fraction", k, len(y), len(e.valRows)))
		}
		if !inTrain[k] {
			return nil, bad(fmt.Sprintf("leaves class %d with no training rows: want a smaller fraction", k))
		}
	}
	return e, nil
}

// observe records V, the validation cost of iteration n for the weights net,
// and reports whether training stops here.
func (e *earlyStop) observe(n int, V float64, net *network.Network) (stop bool) {
	if n == 1 || V < e.best-e.tol {
		e.noChange = 0
	} else {
		e.noChange++
	}
	if n == 1 || V < e.best {
		e.best, e.bestIter = V, n
		for l := 1; l < len(net.Theta); l++ {
			copy(e.bestNet.Theta[l].Data, net.Theta[l].Data)
		}
	}
	return e.noChange >= e.patience
}

// restore puts the best weights into net and the validation results into
// res, after iteration n (the last that recorded costs; n < iters if
// training stopped early).
func (e *earlyStop) restore(net *network.Network, res *Result, n, iters int) {
	for l := 1; l < len(net.Theta); l++ {
		copy(net.Theta[l].Data, e.bestNet.Theta[l].Data)
	}
	res.TrainRows, res.ValidationRows = e.trainRows, e.valRows // (ValidationCosts: validate)
	res.BestIter, res.Stopped = e.bestIter, n < iters
}

// validate records the validation cost V of iteration n, or returns a
// *DivergenceError if it is not finite, and reports whether training stops.
func (res *Result) validate(n int, V float64, c *Config) (stop bool, err error) {
	if !finite.Is(V) {
		return false, &DivergenceError{Iter: n, Cost: V, HeldOut: true, Iters: c.Iters, Alpha: c.Alpha, Lambda: c.Lambda}
	}
	res.ValidationCosts = append(res.ValidationCosts, V)
	return c.stop.observe(n, V, res.Net), nil
}

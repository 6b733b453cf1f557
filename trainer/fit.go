package trainer

import (
	"context"
	"fmt"
	"slices"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

// Options are Fit's choices besides the data. The zero value is the
// tutorial's: two hidden layers of 5 sigmoid units, the weights of seed 0,
// α = 0.5 and 1000 iterations, no standardization.
type Options struct {
	Hidden      []int              // the hidden layers' sizes; nil: 5, 5 (an empty non-nil slice: none)
	Activation  network.Activation // of the hidden layers: Sigmoid (the zero value), Tanh or ReLU
	Seed        uint32             // layer.Init's seed, numpy's np.random.seed
	Standardize bool               // fit a model.Scaler on X and train on X standardized
	// Config is the training; a zero Alpha means 0.5 and a zero Iters 1000.
	Config Config
}

// Fit is the one-call path: it builds the network of sizes X.Cols, the
// hidden layers, K (one more than the largest label of y), initializes its
// weights (layer.Init), standardizes X if asked, trains it (see Train) and
// returns the model, which predicts raw rows as X's (its Scaler
// standardizes them) and saves with WriteFile, with the training's Result.
// It returns Train's errors (with a nil model, and the Result so far where
// Train gives one), and an error if y is not one label per row with at
// least two classes (see dataset.Labeled), or the sizes are not a network
// (see layer.Check).
func Fit(ctx context.Context, X *matrix.Dense, y []int, o Options) (*model.Model, *Result, error) {
	if X == nil {
		return nil, nil, fmt.Errorf("trainer: Fit: no X")
	}
	d, err := dataset.Labeled(X, y) // K, the class count
	if err != nil {
		return nil, nil, fmt.Errorf("trainer: Fit: %w", err)
	}
	K := d.K
	hidden := o.Hidden
	if hidden == nil {
		hidden = layer.Tutorial[1 : len(layer.Tutorial)-1]
	}
	sizes := slices.Concat([]int{X.Cols}, hidden, []int{K})
	if err := layer.Check(sizes); err != nil {
		return nil, nil, fmt.Errorf("trainer: Fit: %w", err)
	}
	m := &model.Model{Net: network.New(layer.Init(sizes, o.Seed))}
	m.Net.Hidden = o.Activation
	Xs := X
	if o.Standardize {
		if err := m.Net.CheckX(X); err != nil {
			return nil, nil, fmt.Errorf("trainer: Fit: %w", err)
		}
		if X.Rows == 0 {
			return nil, nil, fmt.Errorf("trainer: no examples to train on")
		}
		m.Scaler = model.FitScaler(X)
		if Xs, err = m.Scaler.Transform(X); err != nil {
			return nil, nil, fmt.Errorf("trainer: Fit: %w", err)
		}
	}
	c := o.Config
	if c.Alpha == 0 {
		c.Alpha = 0.5
	}
	if c.Iters == 0 {
		c.Iters = 1000
	}
	res, err := Train(ctx, m.Net, Xs, y, c)
	if err != nil {
		return nil, res, err // res: the costs so far, if any
	}
	m.Net = res.Net
	return m, res, nil
}

package trainer

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

// CV says how CrossValidate splits and prepares the rows.
type CV struct {
	K           int    // the number of folds, 2 to m
	Seed        uint32 // the folds are scikit-learn's KFold(K, shuffle=True, random_state=Seed)
	Standardize bool   // fit a model.Scaler on each fold's training rows only

	// Features, when not nil, are the network's inputs computed from X's two
	// columns (see model.Features); the Scaler, if any, standardizes them.
	Features model.Features

	// Done, when not nil, is called as each fold finishes training, with
	// the fold's index counted from 1, one call at a time; a fold whose
	// training failed is not reported.
	Done func(fold int, f *Fold)
}

// A Fold is one fold of a cross-validation: a network trained on the rows
// outside it and scored on its rows.
type Fold struct {
	Train, Test []int        // the rows trained on, and the fold's rows held out
	Model       *model.Model // the trained network, with CV.Features, its Scaler if CV.Standardize, and Config.Reference
	Result      *Result      // its training; TestCosts is the cost of the fold's rows
	Accuracy    float64      // Model's accuracy on the fold's rows
}

// CrossValidate estimates how well training with c generalizes, the
// tutorial's closing advice: it splits X's rows into cv.K folds (see
// dataset.KFold) and, for each, trains a network from the weights of net on
// the other rows, with the fold's rows as the held-out set (c.TestX and
// c.TestY must be nil), and measures the fold's accuracy. With
// cv.Standardize each fold's Scaler is fitted on its own training rows (on
// their cv.Features, if any), so the held-out rows do not leak into the
// scaling.
//
// Folds too small to keep several cores busy (see fast.Parallel) train side
// by side, runtime.GOMAXPROCS(0) at a time; each fold's numbers are those of
// training it alone, whatever the schedule. It returns Train's errors, the
// first fold's first, as a *FoldError naming the fold, and a
// *dataset.ArgError if cv or c is not valid.
func CrossValidate(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, cv CV, c Config) ([]Fold, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if c.TestX != nil {
		return nil, configError("TestX", c.TestX.Rows, "want nil: each fold's rows are its held-out set")
	}
	data := X
	if cv.Features != nil { // the network reads the features, not X's columns
		var err error
		if data, err = (&model.Model{Net: net, Features: cv.Features}).Standardize(X); err != nil {
			return nil, err
		}
	}
	if err := checkData(net, data, y, "the data"); err != nil {
		return nil, err
	}
	if err := dataset.CheckKFold(X.Rows, cv.K); err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	tests := dataset.KFold(X.Rows, cv.K, cv.Seed)
	folds := make([]Fold, len(tests))
	errs := make([]error, len(tests))
	side := 1
	if !fast.Parallel(X.Rows, net.Sizes()) {
		side = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, side)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, test := range tests {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			folds[i], errs[i] = trainFold(ctx, net, X, y, dataset.Complement(X.Rows, test), test, cv, c)
			if errs[i] == nil && cv.Done != nil {
				mu.Lock()
				defer mu.Unlock()
				cv.Done(i+1, &folds[i])
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, &FoldError{Fold: i + 1, Err: err}
		}
	}
	return folds, nil
}

// FoldError is the error of one fold of CrossValidate.
type FoldError struct {
	Fold int   // counted from 1
	Err  error // Train's error, or the Scaler's
}

// Error is "trainer: fold N: " and Err's message without its package prefix.
func (e *FoldError) Error() string {
	msg := e.Err.Error()
	for _, p := range []string{"trainer: ", "model: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return fmt.Sprintf("trainer: fold %d: %s", e.Fold, msg)
}

// Unwrap returns Err, for errors.As and errors.Is.
func (e *FoldError) Unwrap() error { return e.Err }

// trainFold trains one fold of CrossValidate.
func trainFold(ctx context.Context, net *network.Network, X *matrix.Dense, y []int, train, test []int, cv CV, c Config) (Fold, error) {
	f := Fold{Train: train, Test: test, Model: &model.Model{Net: net, Features: cv.Features, Reference: c.Reference}}
	Xtrain, ytrain := dataset.Rows(X, y, train)
	Xraw, ytest := dataset.Rows(X, y, test)
	if cv.Standardize {
		F, err := f.Model.Standardize(Xtrain) // the features only, before the Scaler is fitted
		if err != nil {
			return f, err
		}
		f.Model.Scaler = model.FitScaler(F)
	}
	Strain, err := f.Model.Standardize(Xtrain)
	if err != nil {
		return f, err
	}
	if c.TestX, err = f.Model.Standardize(Xraw); err != nil {
		return f, err
	}
	c.TestY = ytest
	res, err := Train(ctx, net, Strain, ytrain, c)
	if err != nil {
		return f, err
	}
	f.Result, f.Model.Net = res, res.Net
	f.Accuracy, err = f.Model.Accuracy(Xraw, ytest)
	return f, err
}

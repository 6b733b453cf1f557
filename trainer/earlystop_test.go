package trainer

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
)

// On a run that overfits, early stopping ends within NIterNoChange
// iterations of the least validation cost, and the weights it returns have
// that validation cost; until it stops, the training is the same as without
// it on the same rows.
func TestEarlyStoppingOverfit(t *testing.T) {
	X, y := moons.Make(200, 0.35, 0)
	train, _ := dataset.TrainTestSplit(200, 0.5, 0)
	Xtr, ytr := dataset.Rows(X, y, train)
	net := network.New(layer.Init([]int{2, 30, 30, 2}, 0))
	for _, c := range []Config{
		{Alpha: 2, Iters: 20000, EarlyStopping: true, ValidationFraction: 0.1, NIterNoChange: 10, Tol: 1e-4}, // scikit-learn's defaults: stops on the plateau
		{Alpha: 2, Iters: 20000, EarlyStopping: true, ValidationFraction: 0.1, NIterNoChange: 10, Tol: 1e-4, Reference: true},
		{Alpha: 2, Iters: 20000, EarlyStopping: true, ValidationFraction: 0.2, NIterNoChange: 300, ValidationSeed: 3}, // past the plateau, to where it overfits
	} {
		ref := c.Reference
		res, err := Train(context.Background(), net, Xtr, ytr, c)
		if err != nil {
			t.Fatal(err)
		}
		n := len(res.Costs)
		if !res.Stopped || n >= c.Iters || len(res.ValidationCosts) != n {
			t.Fatalf("reference %v: stopped %v after %d iterations with %d validation costs, want a stop before %d", ref, res.Stopped, n, len(res.ValidationCosts), c.Iters)
		}
		least := slices.Min(res.ValidationCosts)
		if res.ValidationCosts[res.BestIter-1] != least {
			t.Errorf("reference %v: best iteration %d has validation cost %v, the least is %v", ref, res.BestIter, res.ValidationCosts[res.BestIter-1], least)
		}
		if n-res.BestIter > c.NIterNoChange || n-res.BestIter < 1 {
			t.Errorf("reference %v: stopped at %d, best at %d: want within %d after it", ref, n, res.BestIter, c.NIterNoChange)
		}
		Xv, yv := dataset.Rows(Xtr, ytr, res.ValidationRows)
		if got := network.Cost(res.Net, Xv, yv, 0); math.Abs(got-least) > 1e-12*least {
			t.Errorf("reference %v: the returned weights' validation cost is %v, want the least of the curve, %v", ref, got, least)
		}
		if len(res.TrainRows)+len(res.ValidationRows) != len(ytr) || len(res.ValidationRows) != int(math.Ceil(c.ValidationFraction*100)) {
			t.Errorf("reference %v: %d training and %d validation rows of %d, want %v set aside", ref, len(res.TrainRows), len(res.ValidationRows), len(ytr), c.ValidationFraction)
		}
		if d := math.Abs(res.FinalCost - res.Costs[res.BestIter-1]); d > 1e-12 {
			t.Errorf("reference %v: final cost %v, want the training cost at the best iteration, %v", ref, res.FinalCost, res.Costs[res.BestIter-1])
		}
		// The same rows without early stopping train the same way.
		Xt, yt := dataset.Rows(Xtr, ytr, res.TrainRows)
		plain, err := Train(context.Background(), net, Xt, yt, Config{Alpha: 2, Iters: n, Reference: ref})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(plain.Costs, res.Costs) {
			t.Errorf("reference %v: the training costs differ from a run without early stopping on the same rows", ref)
		}
		t.Logf("reference %v: best validation cost %.6f at iteration %d; stopped at %d", ref, least, res.BestIter, n)
	}
}

// A validation fraction that leaves a class without rows is a
// *dataset.ArgError naming it.
func TestEarlyStoppingConfigErrors(t *testing.T) {
	X, y := moons.Make(30, 0.1, 0)
	net := network.New(layer.Init([]int{2, 3, 2}, 0))
	for _, tt := range []struct {
		c    Config
		want string
	}{
		{Config{Alpha: 1, Iters: 5, EarlyStopping: true, ValidationFraction: 0.02}, "trainer: validation-fraction 0.02: cannot set aside a stratified validation set of 30 examples: want a larger fraction: it holds out 1 rows for 2 classes"},
		{Config{Alpha: 1, Iters: 5, ValidationFraction: 0.2}, "trainer: validation-fraction 0.2: only with early stopping"},
		{Config{Alpha: 1, Iters: 5, Tol: 1}, "trainer: tol 1: only with early stopping"},
		{Config{Alpha: 1, Iters: 5, EarlyStopping: true, ValidationFraction: 1}, "trainer: validation-fraction 1: want a fraction between 0 and 1"},
		{Config{Alpha: 1, Iters: 5, EarlyStopping: true, NIterNoChange: -1}, "trainer: n-iter-no-change -1"},
	} {
		_, err := Train(context.Background(), net, X, y, tt.c)
		var ae *dataset.ArgError
		if !errors.As(err, &ae) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Train(%+v): error %v, want a *dataset.ArgError %q", tt.c, err, tt.want)
		}
	}
	// 28 of one class and 2 of the other: a tenth set aside is 3 rows, all of the first.
	yy := slices.Repeat([]int{0}, 28)
	yy = append(yy, 1, 1)
	_, err := Train(context.Background(), net, X, yy, Config{Alpha: 1, Iters: 5, EarlyStopping: true})
	if err == nil || err.Error() != "trainer: validation-fraction 0.1: leaves class 1 with no validation rows (of 30 examples, 3 set aside): want a larger fraction" {
		t.Errorf("unequal classes: error %v", err)
	}
}

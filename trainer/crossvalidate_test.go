package trainer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

// CrossValidate's folds, trained side by side, hold the same bits as each
// fold trained alone, one after the other, by hand.
func TestCrossValidateSameBitsAsSequential(t *testing.T) {
	X, y := moons.Make(200, 0.2, 1)
	X.Data[0] *= 50 // a feature out of scale, for the Scaler to matter
	net := network.New(layer.Init([]int{2, 5, 2}, 0))
	c := trainer.Config{Alpha: 1, Iters: 60}
	for _, standardize := range []bool{false, true} {
		cv := trainer.CV{K: 4, Seed: 3, Standardize: standardize}
		folds, err := trainer.CrossValidate(context.Background(), net, X, y, cv, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(folds) != 4 {
			t.Fatalf("%d folds, want 4", len(folds))
		}
		for i, test := range dataset.KFold(X.Rows, 4, 3) {
			f := folds[i]
			train := dataset.Complement(X.Rows, test)
			if !slices.Equal(f.Test, test) || !slices.Equal(f.Train, train) {
				t.Fatalf("fold %d: rows differ from dataset.KFold's", i+1)
			}
			Xtr, ytr := dataset.Rows(X, y, train)
			Xte, yte := dataset.Rows(X, y, test)
			m, Xs := &model.Model{}, Xte
			if standardize {
				m.Scaler = model.FitScaler(Xtr)
				if Xtr, err = m.Scaler.Transform(Xtr); err != nil {
					t.Fatal(err)
				}
				if Xs, err = m.Scaler.Transform(Xte); err != nil {
					t.Fatal(err)
				}
			}
			cc := c
			cc.TestX, cc.TestY = Xs, yte
			res, err := trainer.Train(context.Background(), net, Xtr, ytr, cc)
			if err != nil {
				t.Fatal(err)
			}
			m.Net = res.Net
			acc, err := m.Accuracy(Xte, yte)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.Result.Costs, res.Costs) || !slices.Equal(f.Result.TestCosts, res.TestCosts) || f.Accuracy != acc {
				t.Errorf("standardize %v, fold %d: costs, held-out costs or accuracy %v differ from training the fold alone (accuracy %v)",
					standardize, i+1, f.Accuracy, acc)
			}
			for l := 1; l < len(res.Net.Theta); l++ {
				if !slices.Equal(f.Model.Net.Theta[l].Data, res.Net.Theta[l].Data) {
					t.Errorf("standardize %v, fold %d: Theta%d differs from training the fold alone", standardize, i+1, l)
				}
			}
			if standardize != (f.Model.Scaler != nil) {
				t.Errorf("standardize %v, fold %d: model Scaler %v", standardize, i+1, f.Model.Scaler)
			}
		}
	}
}

func TestCrossValidateErrors(t *testing.T) {
	X, y := moons.Make(20, 0.1, 0)
	net := network.New(layer.Init([]int{2, 3, 2}, 0))
	ctx := context.Background()
	var ae *dataset.ArgError
	if _, err := trainer.CrossValidate(ctx, net, X, y, trainer.CV{K: 21}, trainer.Config{Alpha: 1, Iters: 1}); !errors.As(err, &ae) || ae.Pkg != "dataset" || ae.Arg != "k" {
		t.Errorf("21 folds of 20 rows: error %v, want dataset's *ArgError on k", err)
	}
	if _, err := trainer.CrossValidate(ctx, net, X, y, trainer.CV{K: 2}, trainer.Config{Alpha: 1, Iters: 1, TestX: X, TestY: y}); !errors.As(err, &ae) || ae.Pkg != "trainer" || ae.Arg != "TestX" {
		t.Errorf("a Config with TestX: error %v, want trainer's *dataset.ArgError on TestX", err)
	}
	var de *trainer.DivergenceError
	if _, err := trainer.CrossValidate(ctx, net, X, y, trainer.CV{K: 2}, trainer.Config{Alpha: 1e300, Iters: 20}); !errors.As(err, &de) {
		t.Errorf("alpha 1e300: error %v, want a *trainer.DivergenceError", err)
	} else if want := "trainer: fold 1: training diverged at iteration"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start %q", err, want)
	}
}

// Five folds of the tutorial's moons (make_moons(1000, noise=0.1,
// random_state=0)), the 2-5-5-2 network of seed 0, standardized within
// each fold.
func ExampleCrossValidate() {
	X, y := moons.Make(1000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	cv := trainer.CV{K: 5, Seed: 0, Standardize: true}
	folds, err := trainer.CrossValidate(context.Background(), net, X, y, cv, trainer.Config{Alpha: 1, Iters: 500})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, f := range folds {
		fmt.Printf("fold %d: %d rows trained on, accuracy %.3f on %d held out\n", i+1, len(f.Train), f.Accuracy, len(f.Test))
	}
	// Output:
	// fold 1: 800 rows trained on, accuracy 0.875 on 200 held out
	// fold 2: 800 rows trained on, accuracy 0.855 on 200 held out
	// fold 3: 800 rows trained on, accuracy 0.895 on 200 held out
	// fold 4: 800 rows trained on, accuracy 0.890 on 200 held out
	// fold 5: 800 rows trained on, accuracy 0.870 on 200 held out
}

// TestCrossValidateFeatures checks that with CV.Features each fold trains
// on the features of its rows, standardized by a Scaler fitted on its own
// training rows' features, as training the fold alone does, and that Done
// reports each fold once, with its accuracy.
func TestCrossValidateFeatures(t *testing.T) {
	X, y := moons.Make(120, 0.2, 2)
	fs := model.Features{model.X1, model.X2, model.X1X2}
	net := network.New(layer.Init([]int{3, 4, 2}, 1))
	c := trainer.Config{Alpha: 1, Iters: 40}
	done := map[int]float64{}
	cv := trainer.CV{K: 3, Seed: 5, Standardize: true, Features: fs,
		Done: func(fold int, f *trainer.Fold) { done[fold] = f.Accuracy }}
	folds, err := trainer.CrossValidate(context.Background(), net, X, y, cv, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 3 {
		t.Errorf("Done was called for the folds %v, want 1, 2 and 3", done)
	}
	for i, f := range folds {
		Xtr, ytr := dataset.Rows(X, y, f.Train)
		Xte, yte := dataset.Rows(X, y, f.Test)
		Ftr, err := fs.Apply(Xtr)
		if err != nil {
			t.Fatal(err)
		}
		Fte, err := fs.Apply(Xte)
		if err != nil {
			t.Fatal(err)
		}
		m := &model.Model{Features: fs, Scaler: model.FitScaler(Ftr)}
		Str, err := m.Scaler.Transform(Ftr)
		if err != nil {
			t.Fatal(err)
		}
		cc := c
		if cc.TestX, err = m.Scaler.Transform(Fte); err != nil {
			t.Fatal(err)
		}
		cc.TestY = yte
		res, err := trainer.Train(context.Background(), net, Str, ytr, cc)
		if err != nil {
			t.Fatal(err)
		}
		m.Net = res.Net
		acc, err := m.Accuracy(Xte, yte)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(f.Result.Costs, res.Costs) || !slices.Equal(f.Result.TestCosts, res.TestCosts) || f.Accuracy != acc {
			t.Errorf("fold %d: costs, held-out costs or accuracy %v differ from training the fold alone (accuracy %v)", i+1, f.Accuracy, acc)
		}
		if done[i+1] != f.Accuracy {
			t.Errorf("fold %d: Done reported accuracy %v, want %v", i+1, done[i+1], f.Accuracy)
		}
		if !slices.Equal(f.Model.Features, fs) {
			t.Errorf("fold %d: the model's features are %v, want %v", i+1, f.Model.Features, fs)
		}
	}
}

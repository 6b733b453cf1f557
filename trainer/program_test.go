package trainer_test

import (
	"context"
	"fmt"
	"github.com/ann-go/ann/internal/svgcheck"
	"os"
	"path/filepath"
	"strings"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
)

// A Go program does what the command line does, with exported API only:
// it reads a CSV file, holds out a test set, standardizes, cross-validates
// on 5 folds, trains, saves and reloads the model, predicts the test set and
// draws the decision boundary: each step by hand, the explicit path that
// README.md's program takes in one call with Fit and CrossValidate.
func Example_program() {
	dir, err := os.MkdirTemp("", "ann-program")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := program(dir); err != nil {
		fmt.Println(err)
	}
	// Output:
	// fold 1: accuracy 0.917
	// fold 2: accuracy 0.938
	// fold 3: accuracy 0.833
	// fold 4: accuracy 0.917
	// fold 5: accuracy 0.938
	// test set: accuracy 0.963 on 80 rows
	// boundary.svg: 80 hollow points
}

func program(dir string) error {
	// A data file, as `ann data -n 320 -noise 0.2 -out moons.csv` writes one.
	X0, y0 := moons.Make(320, 0.2, 0)
	f, err := os.Create(filepath.Join(dir, "moons.csv"))
	if err != nil {
		return err
	}
	if err := dataset.WriteCSV(f, X0, y0, nil); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}

	ctx, sizes := context.Background(), []int{2, 8, 2}
	d, err := dataset.ReadCSV(filepath.Join(dir, "moons.csv")) // x1,x2,label
	if err != nil {
		return err
	}
	trainIdx, testIdx := dataset.TrainTestSplit(d.X.Rows, 0.25, 0)
	X, y := dataset.Rows(d.X, d.Y, trainIdx)
	sc := model.FitScaler(X)
	Xs, err := sc.Transform(X)
	if err != nil {
		return err
	}
	cfg := trainer.Config{Alpha: 1, Iters: 3000}
	for i, fold := range dataset.KFold(X.Rows, 5, 0) { // how well does this setting generalize?
		Xf, yf := dataset.Rows(Xs, y, dataset.Complement(X.Rows, fold))
		res, err := trainer.Train(ctx, network.New(layer.Init(sizes, 0)), Xf, yf, cfg)
		if err != nil {
			return err
		}
		Xv, yv := dataset.Rows(Xs, y, fold)
		fmt.Printf("fold %d: accuracy %.3f\n", i+1, network.Accuracy(res.Net, Xv, yv))
	}
	res, err := trainer.Train(ctx, network.New(layer.Init(sizes, 0)), Xs, y, cfg)
	if err != nil {
		return err
	}
	m := &model.Model{Net: res.Net, Scaler: sc} // the scaler travels with the model
	if err = m.WriteFile(filepath.Join(dir, "model.npz")); err != nil {
		return err
	}
	if m, err = model.ReadFile(filepath.Join(dir, "model.npz")); err != nil {
		return err
	}
	Xt, yt := dataset.Rows(d.X, d.Y, testIdx)
	acc, err := m.Accuracy(Xt, yt) // standardizes Xt as training did
	if err != nil {
		return err
	}
	fmt.Printf("test set: accuracy %.3f on %d rows\n", acc, len(yt))

	held := make([]bool, d.X.Rows) // the test rows drawn hollow
	for _, i := range testIdx {
		held[i] = true
	}
	var svg strings.Builder
	opt := svgplot.Options{Title: "Decision boundary", Subtitle: "moons.csv · 2-8-2 · α 1 · 3000 iterations", Held: held}
	if err = svgplot.DecisionBoundary(&svg, d.X, d.Y, m.GridProbabilities, opt); err != nil {
		return err
	}
	if err = os.WriteFile(filepath.Join(dir, "boundary.svg"), []byte(svg.String()), 0o644); err != nil {
		return err
	}
	_, hollow, err := svgcheck.Points([]byte(svg.String()))
	if err != nil {
		return err
	}
	fmt.Printf("boundary.svg: %d hollow points\n", hollow)
	return nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
	"github.com/ann-go/ann/trainer/dataset"
	"github.com/ann-go/ann/trainer/metrics"
)

func runCV(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("cv", "[data flags] [net flags] [-k 5] [-fold-seed 0] [-out DIR] [-q]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	nf.registerFeatures(fs)
	k := fs.Int("k", 5, "number of `folds`")
	var foldSeed seedFlag
	fs.Var(&foldSeed, "fold-seed", "random_state `seed` of the folds (scikit-learn's KFold(shuffle=True))")
	var of outFlags
	of.register(fs, "", "write folds.csv, run.json, cv-cost.svg, cv-confusion.svg and (for 2 features) cv-boundaries.svg to `DIR`")
	perClass := registerPerClass(fs)
	sweep := registerSweep(fs)
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		return err
	}
	m, err := df.trainRows(ds.X.Rows)
	if err != nil {
		return err
	}
	if m < ds.X.Rows { // -first K: cross-validate on the first K rows
		X, y := dataset.Rows(ds.X, ds.y, seq(m))
		ds = &dataSet{X: X, y: y, K: ds.K, name: ds.name, generated: ds.generated, header: ds.header}
	}
	if err := dataset.CheckKFold(m, *k); err != nil {
		return flagError(err)
	}
	progress, err := of.prepare(stderr)
	if err != nil {
		return err
	}
	need := trainMemory(ds, &nf, of.dir != "")
	if !fast.Parallel(ds.X.Rows, nf.sizes) { // folds side by side
		need.bytes *= float64(runtime.GOMAXPROCS(0))
	}
	if err := checkMemory(need); err != nil {
		return err
	}
	if of.dir != "" && ds.X.Cols == 2 {
		if err := checkPlotRange(ds.X); err != nil {
			return usagef("-out: %v", err)
		}
	}
	scaleHint(progress, ds, &nf)
	if sweep.name != "" {
		header := fmt.Sprintf("%d-fold cross-validation (folds as scikit-learn's KFold(n_splits=%d, shuffle=True, random_state=%d)) of %s, %d rows, for each %s",
			*k, *k, foldSeed, ds.name, m, sweep.name)
		return runSweep(ctx, sweep, ds, *k, uint32(foldSeed), &nf, &of, progress, stdout, stderr, header)
	}
	folds, err := crossValidate(ctx, ds, *k, uint32(foldSeed), &nf, progress)
	if err != nil {
		return err
	}
	var files []safefile.File
	if of.dir != "" {
		if files, err = cvFiles(ds, folds, &df, &nf, *k, uint32(foldSeed)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%d-fold cross-validation (folds as scikit-learn's KFold(n_splits=%d, shuffle=True, random_state=%d)) of %s, %d rows\n",
		*k, *k, foldSeed, ds.name, m)
	inputs := ""
	if nf.features != nil {
		inputs = fmt.Sprintf(", inputs %v", nf.features)
	}
	fmt.Fprintf(stdout, "network %s%s, %s, seed %d; alpha %v, lambda %v, %d iterations", &nf.sizes, inputs, hiddenLayers(folds[0].res.Net), nf.seed, nf.alpha, nf.lambda, nf.iters)
	if nf.standardize {
		fmt.Fprint(stdout, "; standardized within each fold")
	}
	fmt.Fprintln(stdout)
	acc := make([]float64, len(folds))
	for i, f := range folds {
		acc[i] = f.accTest
		fmt.Fprintf(stdout, "fold %d: trained on %d rows (final cost %.6f), accuracy %.4f on its %d held-out rows\n",
			i+1, len(f.trainIdx), f.finalCost, f.accTest, len(f.testIdx))
		if f.res.ValidationCosts != nil {
			fmt.Fprintf(stdout, "fold %d: early stopping: %s\n", i+1, f.stopLine())
		}
	}
	mean, std := meanStd(acc)
	fmt.Fprintf(stdout, "accuracy: mean %.4f, standard deviation %.4f over the %d folds\n", mean, std, len(folds))
	if *perClass {
		printPerClass(stdout, foldsConfusion(folds), fmt.Sprintf("the %d folds' held-out rows, summed", len(folds)))
	}
	if err := of.writeSet(ctx, files, stderr); err != nil {
		return err
	}
	for i, f := range folds {
		if f.finalCost > f.res.Costs[0] {
			fmt.Fprintf(stderr, "fold %d: ", i+1)
			costRiseWarning(stderr, f.res.Costs, f.finalCost, nf.alpha)
		}
	}
	return nil
}

// crossValidate trains one network per fold of scikit-learn's
// KFold(k, shuffle=True, random_state=foldSeed), each from the same initial
// weights, on the rows outside the fold, and measures it on the fold (see
// trainer.CrossValidate, which runs the folds side by side when each is too
// small to use more than one core).
func crossValidate(ctx context.Context, ds *dataSet, k int, foldSeed uint32, nf *netFlags, progress io.Writer) ([]*trainRun, error) {
	c := nf.config()
	cv := trainer.CV{K: k, Seed: foldSeed, Standardize: nf.standardize, Features: nf.features,
		Done: func(fold int, f *trainer.Fold) {
			fmt.Fprintf(progress, "fold %d/%d done: accuracy %.4f\n", fold, k, f.Accuracy)
		}}
	folds, err := trainer.CrossValidate(ctx, nf.network(), ds.X, ds.y, cv, c)
	if ctx.Err() != nil {
		return nil, &interruptedError{}
	}
	if err != nil {
		var fe *trainer.FoldError
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("fold %d: %w", fe.Fold, trainError(fe.Err, nil, c))
		}
		return nil, trainError(err, nil, c)
	}
	runs := make([]*trainRun, len(folds))
	for i, f := range folds {
		s := runSpec{ds: ds, trainIdx: f.Train, testIdx: f.Test, nf: nf}
		if runs[i], err = s.finish(f.Model, f.Result); err != nil {
			return nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
	}
	return runs, nil
}

// meanStd returns the mean and the standard deviation (over n, numpy's
// np.std) of v.
func meanStd(v []float64) (mean, std float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(v)))
}

// cvFiles returns the files of cv -out: folds.csv, run.json, cv-cost.svg
// and, for two features, cv-boundaries.svg.
func cvFiles(ds *dataSet, folds []*trainRun, df *dataFlags, nf *netFlags, k int, foldSeed uint32) ([]safefile.File, error) {
	csv := func(w io.Writer) error {
		buf := []byte("fold,train_rows,test_rows,accuracy,final_cost\n")
		for i, f := range folds {
			if !finite.Is(f.finalCost) || !finite.Is(f.accTest) {
				return fmt.Errorf("fold %d: the final cost %v is not finite", i+1, f.finalCost)
			}
			buf = fmt.Appendf(buf, "%d,%d,%d,%s,%s\n", i+1, len(f.trainIdx), len(f.testIdx),
				strconv.FormatFloat(f.accTest, 'g', -1, 64), strconv.FormatFloat(f.finalCost, 'g', -1, 64))
		}
		_, err := w.Write(buf)
		return err
	}
	var series []svgplot.Series
	for i, f := range folds {
		series = append(series, svgplot.Series{Name: fmt.Sprintf("fold %d", i+1), Y: f.res.Costs})
	}
	sub := describe(ds, df, nf, fmt.Sprintf("%d folds of %d rows", k, ds.X.Rows))
	files := []safefile.File{
		{Name: "folds.csv", Write: csv},
		{Name: "run.json", Write: func(w io.Writer) error { return writeCVJSON(w, ds, folds, df, k, foldSeed) }},
		{Name: "cv-cost.svg", Write: costFigure(series, svgplot.Options{Title: "Training cost per iteration, one curve per fold", Subtitle: sub})},
		{Name: "cv-confusion.svg", Write: confusionFigure(foldsConfusion(folds), svgplot.Options{
			Title: fmt.Sprintf("The %d folds' held-out rows by class", len(folds)), Subtitle: sub})},
	}
	if ds.X.Cols == 2 {
		if err := checkPlotRange(ds.X); err != nil {
			return nil, err
		}
		// Each panel draws every row: the fold's held-out rows hollow, the
		// rows its network trained on filled.
		x, y := svgplot.Column(ds.X, 0), svgplot.Column(ds.X, 1)
		files = append(files, safefile.File{Name: "cv-boundaries.svg", Write: func(w io.Writer) error {
			var panels []svgplot.Panel
			for i, f := range folds {
				g, err := svgplot.BoundaryGrid(ds.X, f.model.GridProbabilities, gridSteps(nf.sizes, panelSteps))
				if err != nil {
					return err
				}
				panels = append(panels, svgplot.Panel{
					Grid: g, X: x, Y: y, Labels: ds.y, Held: held(ds, f.trainIdx),
					Title: fmt.Sprintf("fold %d: held-out accuracy %.3f", i+1, f.accTest),
				})
			}
			return svgplot.BoundaryPanels(w, panels, ds.options("Each fold's decision boundary", sub))
		}})
	}
	return files, nil
}

// cvRecord is the cross-validation part of cv's run.json.
type cvRecord struct {
	K        int     `json:"k"`
	FoldSeed uint32  `json:"fold_seed"`
	Mean     float64 `json:"accuracy_mean"`
	Std      float64 `json:"accuracy_std"`
	Folds    []struct {
		TrainRows int     `json:"train_rows"`
		TestRows  int     `json:"test_rows"`
		Accuracy  float64 `json:"accuracy"`
		FinalCost float64 `json:"final_cost"`
	} `json:"folds"`
}

// writeCVJSON writes cv's run.json: the data, network and training settings
// as train's run.json has them (the data's rows are all the rows
// cross-validated), and a "cv" section with each fold's results in place of
// train's "result".
func writeCVJSON(w io.Writer, ds *dataSet, folds []*trainRun, df *dataFlags, k int, foldSeed uint32) error {
	rec := folds[0].record(df, 0, 0)
	rec.Data.TrainRows, rec.Data.TestRows = ds.X.Rows, 0
	rec.Data.TestFraction, rec.Data.SplitSeed = 0, nil
	cv := cvRecord{K: k, FoldSeed: foldSeed}
	acc := make([]float64, len(folds))
	cv.Folds = make([]struct {
		TrainRows int     `json:"train_rows"`
		TestRows  int     `json:"test_rows"`
		Accuracy  float64 `json:"accuracy"`
		FinalCost float64 `json:"final_cost"`
	}, len(folds))
	for i, f := range folds {
		acc[i] = f.accTest
		cv.Folds[i].TrainRows, cv.Folds[i].TestRows = len(f.trainIdx), len(f.testIdx)
		cv.Folds[i].Accuracy, cv.Folds[i].FinalCost = f.accTest, f.finalCost
	}
	cv.Mean, cv.Std = meanStd(acc)
	out := struct {
		Version  string `json:"ann_version"`
		Data     any    `json:"data"`
		Network  any    `json:"network"`
		Training any    `json:"training"`
		CV       any    `json:"cv"`
		PerClass any    `json:"per_class"`
	}{rec.Version, rec.Data, rec.Network, rec.Training, cv, newPerClassRecord(foldsConfusion(folds))}
	return writeJSON(w, out)
}

// foldsConfusion returns the sum of the folds' confusion matrices: every row
// counted once, by the network that did not train on it.
func foldsConfusion(folds []*trainRun) *metrics.Confusion {
	c := &metrics.Confusion{K: folds[0].confusion.K, Counts: make([]int, len(folds[0].confusion.Counts))}
	for _, f := range folds {
		c.Add(f.confusion)
	}
	return c
}

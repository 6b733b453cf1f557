package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer/dataset"
)

// sweepFlag is -sweep NAME=V1,V2,...: a setting and the values cv tries.
type sweepFlag struct {
	name   string   // lambda, alpha or layers
	values []string // as given
}

func (s *sweepFlag) String() string {
	if s.name == "" {
		return ""
	}
	return s.name + "=" + strings.Join(s.values, sweepSep(s.name))
}

// sweepSep separates values: layer sizes hold commas, so they are split at colons.
func sweepSep(name string) string {
	if name == "layers" {
		return ":"
	}
	return ","
}

func (s *sweepFlag) Set(v string) error {
	name, list, ok := strings.Cut(v, "=")
	if !ok || list == "" {
		return fmt.Errorf("want NAME=V1,V2,... such as lambda=0,0.01,0.1,1 or layers=64,10:64,25,10")
	}
	if name != "lambda" && name != "alpha" && name != "layers" {
		return fmt.Errorf("%q: want lambda, alpha or layers", name)
	}
	s.name, s.values = name, strings.Split(list, sweepSep(name))
	return nil
}

// with returns a copy of nf with the sweep's setting at value v, checked
// against the data.
func (s *sweepFlag) with(nf *netFlags, v string, ds *dataSet) (*netFlags, error) {
	c := *nf
	bad := func(err error) error { return usagef("-sweep %s=%s: %v", s.name, v, err) }
	switch s.name {
	case "layers":
		var sz sizesFlag
		if err := sz.Set(v); err != nil {
			return nil, bad(err)
		}
		c.sizes = sz
		if err := c.fit(ds); err != nil {
			return nil, bad(fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "-layers "+v+": ")))
		}
	default:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nil, bad(fmt.Errorf("not a number"))
		}
		if s.name == "lambda" {
			c.lambda = f
		} else {
			c.alpha = f
		}
		if err := c.check(); err != nil {
			return nil, bad(fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "-"+s.name+" "+strconv.FormatFloat(f, 'g', -1, 64)+": ")))
		}
	}
	return &c, nil
}

// sweepResult is cross-validation's result for one value of the sweep.
type sweepResult struct {
	Value        string  `json:"value"`
	AccuracyMean float64 `json:"accuracy_mean"`
	AccuracyStd  float64 `json:"accuracy_std"`
	CostMean     float64 `json:"held_out_cost_mean"` // cross-entropy without the λ term
	CostStd      float64 `json:"held_out_cost_std"`
	TrainMean    float64 `json:"training_accuracy_mean"`
	Best         bool    `json:"best,omitempty"`
}

// runSweep cross-validates each value of sw on the same folds, prints a
// table with the best (highest mean held-out accuracy, the first on ties)
// marked, and with -out writes sweep.csv, run.json and validation-curve.svg.
// Each value's folds run side by side (see crossValidate), and values side
// by side when the folds are fewer than the cores; the numbers are those of
// separate ann cv runs.
func runSweep(ctx context.Context, sw *sweepFlag, ds *dataSet, k int, foldSeed uint32, nf *netFlags, of *outFlags, progress, stdout, stderr io.Writer, header string) error {
	nets := make([]*netFlags, len(sw.values))
	for i, v := range sw.values {
		var err error
		if nets[i], err = sw.with(nf, v, ds); err != nil {
			return err
		}
	}
	results := make([]sweepResult, len(sw.values))
	errs := make([]error, len(sw.values))
	// Values side by side when the folds alone leave cores idle; each
	// training is independent of the others, so the bits do not depend on it.
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/k))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, v := range sw.values {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = sweepValue(ctx, ds, k, foldSeed, nets[i], v, &prefixWriter{w: progress, mu: &mu, prefix: sw.name + "=" + v + ": "})
		})
	}
	wg.Wait()
	best := 0
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("-sweep %s=%s: %w", sw.name, sw.values[i], err)
		}
		if results[i].AccuracyMean > results[best].AccuracyMean {
			best = i
		}
	}
	results[best].Best = true
	fmt.Fprintln(stdout, header)
	width := len(sw.name)
	for _, v := range sw.values {
		width = max(width, len(v))
	}
	fmt.Fprintf(stdout, "%-*s  %-17s  %-17s  %s\n", width, sw.name, "accuracy", "held-out cost", "training accuracy")
	for _, r := range results {
		mark := ""
		if r.Best {
			mark = "  <- best"
		}
		fmt.Fprintf(stdout, "%-*s  %.4f ± %.4f    %.4f ± %.4f    %.4f%s\n", width, r.Value, r.AccuracyMean, r.AccuracyStd, r.CostMean, r.CostStd, r.TrainMean, mark)
	}
	fmt.Fprintf(stdout, "best: %s=%s, mean held-out accuracy %.4f\n", sw.name, results[best].Value, results[best].AccuracyMean)
	if of.dir == "" {
		return nil
	}
	vals := make([]string, len(results))
	train, val, std := make([]float64, len(results)), make([]float64, len(results)), make([]float64, len(results))
	for i, r := range results {
		vals[i], train[i], val[i], std[i] = r.Value, r.TrainMean, r.AccuracyMean, r.AccuracyStd
	}
	files := []safefile.File{
		{Name: "sweep.csv", Write: func(w io.Writer) error {
			buf := []byte(sw.name + ",accuracy_mean,accuracy_std,held_out_cost_mean,held_out_cost_std,training_accuracy_mean\n")
			for _, r := range results {
				buf = fmt.Appendf(buf, "%q,%s,%s,%s,%s,%s\n", r.Value, g(r.AccuracyMean), g(r.AccuracyStd), g(r.CostMean), g(r.CostStd), g(r.TrainMean))
			}
			_, err := w.Write(buf)
			return err
		}},
		{Name: "run.json", Write: func(w io.Writer) error {
			return writeJSON(w, struct {
				Version string        `json:"ann_version"`
				Sweep   string        `json:"sweep"`
				K       int           `json:"k"`
				Rows    int           `json:"rows"`
				Values  []sweepResult `json:"values"`
			}{version(), sw.name, k, ds.X.Rows, results})
		}},
		{Name: "validation-curve.svg", Write: func(w io.Writer) error {
			return svgplot.ValidationCurve(w, vals, train, val, std, best, svgplot.Options{
				Title: fmt.Sprintf("Choosing %s: %d-fold cross-validation", sw.name, k), XLabel: sw.name,
				Subtitle: fmt.Sprintf("%s, %d rows", filepath.Base(ds.name), ds.X.Rows)})
		}},
	}
	return of.writeSet(ctx, files, stderr)
}

// sweepValue cross-validates one value's network.
func sweepValue(ctx context.Context, ds *dataSet, k int, foldSeed uint32, nf *netFlags, v string, progress io.Writer) (sweepResult, error) {
	res := sweepResult{Value: v}
	runs, err := crossValidate(ctx, ds, k, foldSeed, nf, progress)
	if err != nil {
		return res, err
	}
	acc, cost, tr := make([]float64, len(runs)), make([]float64, len(runs)), make([]float64, len(runs))
	for j, r := range runs {
		acc[j], tr[j] = r.accTest, r.accTrain
		X, y := dataset.Rows(ds.X, ds.y, r.testIdx)
		S, err := r.model.Standardize(X)
		if err != nil {
			return res, err
		}
		cost[j] = network.Cost(r.model.Net, S, y, 0)
	}
	res.AccuracyMean, res.AccuracyStd = meanStd(acc)
	res.CostMean, res.CostStd = meanStd(cost)
	res.TrainMean, _ = meanStd(tr)
	return res, nil
}

// prefixWriter writes each Write (one progress line) under mu, after prefix.
type prefixWriter struct {
	w      io.Writer
	mu     *sync.Mutex
	prefix string
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := io.WriteString(p.w, p.prefix); err != nil {
		return 0, err
	}
	return p.w.Write(b)
}

func g(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// registerSweep registers -sweep.
func registerSweep(fs *flag.FlagSet) *sweepFlag {
	s := &sweepFlag{}
	fs.Var(s, "sweep", "cross-validate each value of a setting and mark the best: lambda=0,0.01,0.1,1, alpha=0.1,0.5,2, or layers=64,10:64,25,10 (`NAME=V1,V2,...`)")
	return s
}

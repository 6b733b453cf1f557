package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
)

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "[data flags] [net flags] [-out DIR] [-q]", stdout)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	out := fs.String("out", "", "write model.npz, costs.csv, run.json, cost.svg and boundary.svg to `DIR`")
	quiet := fs.Bool("q", false, "do not print progress")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := nf.check(); err != nil {
		return err
	}
	ds, err := df.load()
	if err != nil {
		return err
	}
	m, err := df.trainRows(ds.X.Rows)
	if err != nil {
		return err
	}
	if err := nf.fit(ds); err != nil {
		return err
	}
	if *out != "" {
		if err := prepareDir(*out); err != nil {
			return usagef("-out: %v", err)
		}
	}
	progress := io.Discard
	if !*quiet {
		progress = stderr
	}
	r, err := train(ds, m, &nf, progress)
	if err != nil {
		return err
	}
	r.printSummary(stdout)
	if *out != "" {
		return r.write(*out, &df)
	}
	return nil
}

// trainRun is one training run and what it measured.
type trainRun struct {
	ds        *dataSet
	m         int // training rows: the first m of ds
	nf        *netFlags
	res       *trainer.Result
	finalCost float64 // J after the last update
	accTrain  float64
	accAll    float64
}

// train trains the network nf describes on the first m rows of ds, printing
// progress every tenth of the iterations.
func train(ds *dataSet, m int, nf *netFlags, progress io.Writer) (*trainRun, error) {
	Xtrain, ytrain := firstRows(ds.X, m), ds.y[:m]
	c := nf.config()
	step := max(1, c.Iters/10)
	c.Progress = func(iter int, cost float64) {
		if iter%step == 0 || iter == c.Iters {
			fmt.Fprintf(progress, "iteration %*d/%d  cost %.6f\n", len(strconv.Itoa(c.Iters)), iter, c.Iters, cost)
		}
	}
	res, err := trainer.Train(context.Background(), nf.network(), Xtrain, ytrain, c)
	if err != nil {
		return nil, err
	}
	r := &trainRun{ds: ds, m: m, nf: nf, res: res}
	r.finalCost = res.Net.Cost(Xtrain, ytrain, c.Lambda)
	r.accTrain = res.Net.Accuracy(Xtrain, ytrain)
	r.accAll = res.Net.Accuracy(ds.X, ds.y)
	return r, nil
}

// firstRows returns the first m rows of X, sharing its storage.
func firstRows(X *matrix.Dense, m int) *matrix.Dense {
	return &matrix.Dense{Rows: m, Cols: X.Cols, Data: X.Data[:m*X.Cols]}
}

func (r *trainRun) printSummary(w io.Writer) {
	costs := r.res.Costs
	fmt.Fprintf(w, "network:  %s, %s hidden layers, init %s seed %d\n", &r.nf.sizes, r.res.Net.Hidden, r.nf.init, r.nf.seed)
	fmt.Fprintf(w, "training: %d iterations, alpha %v, lambda %v, on %d of %d rows\n", len(costs), r.nf.alpha, r.nf.lambda, r.m, r.ds.X.Rows)
	fmt.Fprintf(w, "cost:     %.6f at iteration 1, %.6f at iteration %d, %.6f after training\n", costs[0], costs[len(costs)-1], len(costs), r.finalCost)
	fmt.Fprintf(w, "accuracy: %.3f on the %d training rows, %.3f on all %d rows\n", r.accTrain, r.m, r.accAll, r.ds.X.Rows)
}

// prepareDir makes dir if needed and checks that files can be created in it.
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".ann-probe*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, unwrapPathError(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// write writes the run's files into dir, each whole or not at all.
func (r *trainRun) write(dir string, df *dataFlags) error {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"costs.csv", r.writeCosts},
		{"run.json", func(w io.Writer) error { return r.writeJSON(w, df) }},
	}
	for _, f := range files {
		if err := safefile.Write(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	if err := r.model().WriteFile(filepath.Join(dir, "model.npz")); err != nil {
		return err
	}
	figs := []figure{{"cost.svg", costFigure([]svgplot.Series{{Name: "training cost", Y: r.res.Costs}}, "Cost per iteration")}}
	if r.ds.X.Cols == 2 {
		figs = append(figs, figure{"boundary.svg", boundaryFigure(r.ds, r.res.Net.Probabilities, "Decision boundary")})
	}
	return writeFigures(dir, figs)
}

// model returns the trained model.
func (r *trainRun) model() *network.Model {
	return &network.Model{Net: r.res.Net}
}

// writeCosts writes costs.csv: iteration,cost, one row per iteration.
func (r *trainRun) writeCosts(w io.Writer) error {
	buf := []byte("iteration,cost\n")
	for i, c := range r.res.Costs {
		buf = strconv.AppendInt(buf, int64(i+1), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, c, 'g', -1, 64)
		buf = append(buf, '\n')
	}
	_, err := w.Write(buf)
	return err
}

// runRecord is run.json: every parameter of a training run and its results.
type runRecord struct {
	Version string `json:"ann_version"`
	Data    struct {
		Source    string   `json:"source"`
		N         int      `json:"n,omitempty"`
		Noise     *float64 `json:"noise,omitempty"`
		DataSeed  *uint32  `json:"data_seed,omitempty"`
		Rows      int      `json:"rows"`
		Features  int      `json:"features"`
		Classes   int      `json:"classes"`
		TrainRows int      `json:"train_rows"`
	} `json:"data"`
	Network struct {
		Layers     []int  `json:"layers"`
		Activation string `json:"activation"`
		Init       string `json:"init"`
		Seed       uint32 `json:"seed"`
	} `json:"network"`
	Training struct {
		Method string  `json:"method"`
		Alpha  float64 `json:"alpha"`
		Iters  int     `json:"iters"`
		Lambda float64 `json:"lambda"`
	} `json:"training"`
	Result struct {
		FirstCost     float64 `json:"first_cost"`
		LastCost      float64 `json:"last_recorded_cost"`
		FinalCost     float64 `json:"final_cost"`
		AccuracyTrain float64 `json:"accuracy_train"`
		AccuracyAll   float64 `json:"accuracy_all"`
	} `json:"result"`
}

func (r *trainRun) writeJSON(w io.Writer, df *dataFlags) error {
	var rec runRecord
	rec.Version = version()
	rec.Data.Source = r.ds.name
	if r.ds.generated {
		noise, seed := df.noise, uint32(df.seed)
		rec.Data.N, rec.Data.Noise, rec.Data.DataSeed = df.n, &noise, &seed
	}
	rec.Data.Rows, rec.Data.Features, rec.Data.Classes, rec.Data.TrainRows = r.ds.X.Rows, r.ds.X.Cols, r.ds.classes(), r.m
	rec.Network.Layers = r.nf.sizes
	rec.Network.Activation = r.res.Net.Hidden.String()
	rec.Network.Init = r.nf.init
	rec.Network.Seed = uint32(r.nf.seed)
	rec.Training.Method = "batch gradient descent"
	rec.Training.Alpha, rec.Training.Iters, rec.Training.Lambda = r.nf.alpha, r.nf.iters, r.nf.lambda
	costs := r.res.Costs
	rec.Result.FirstCost, rec.Result.LastCost, rec.Result.FinalCost = costs[0], costs[len(costs)-1], r.finalCost
	rec.Result.AccuracyTrain, rec.Result.AccuracyAll = r.accTrain, r.accAll
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// version returns the module version ann was built as, with the VCS revision
// when the build recorded one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}

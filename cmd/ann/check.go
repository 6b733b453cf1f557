package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/check"
)

// checkSynopsis is ann check's usage line and what -h says before the flags.
var checkSynopsis = fmt.Sprintf(`FILE.npz | -inputs DIR

Checks a learner's own network: FILE.npz holds the arrays their code computed,
under the tutorial's names (X, y, Theta1, Theta2, ... and any of A1.., Z2..,
J, d2.., Delta1.., D1.. or Theta_grads1.., costs, Trained1.., costs2, Init1..;
and lambda, alpha, iters, seed if they are not the flags' defaults).
docs/numpy/check_mine.py writes it from a numpy module. ann recomputes each
quantity from the file's own Theta and X, in the tutorial's order, and prints
a line per quantity, stopping at the first that disagrees, with its worst
entry and the classic mistake whose numbers equal the file's.

A number agrees when |got - expected| <= %s * max(1, |expected|). A, Z and d
may hold one example per row (numpy's layout) or per column (ann's).
Exit 0: everything agrees; 1: something does not; 2: the file cannot be
checked (not an .npz, no Theta or X or y, shapes that do not chain, a NaN).

-inputs DIR writes DIR/small (2-3-2, 3 examples, lambda 1) and DIR/moons
(2-5-5-2, the first 20 moons) as X.npy, y.npy, Theta<l>.npy and params.json,
the inputs check_mine.py runs a learner's code on.`, checkToleranceText)

// checkToleranceText is check.Tolerance as -h says it.
const checkToleranceText = "1e-9"

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkSynopsis, stdout)
	inputs := fs.String("inputs", "", "write the inputs to run a learner's code on into `DIR` (small/ and moons/)")
	lambda := fs.Float64("lambda", 0, "`λ` of the learner's run, if the file has no lambda")
	alpha := fs.Float64("alpha", 0.5, "`α` of the learner's training, if the file has no alpha")
	iters := fs.Int("iters", -1, "`iterations` of the learner's training, if the file has no iters (-1: the length of costs)")
	seed := fs.Int("seed", 0, "np.random.seed of the learner's Init arrays, if the file has no seed")
	// The file may come before or after the flags.
	var files []string
	rest := args
	for {
		if err := parseFlags(fs, rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usagef("%v (run 'ann check -h' for the flags)", err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *inputs != "" {
		if len(files) > 0 {
			return usagef("-inputs writes files; it takes no FILE.npz (%s)", files[0])
		}
		return writeCheckInputs(*inputs, stdout)
	}
	if len(files) != 1 {
		return usagef("want one FILE.npz (run 'ann check -h')")
	}
	path := files[0]
	in, got, err := readCheckFile(path, fs, *lambda, *alpha, *iters, *seed)
	if err != nil {
		return usagef("%s: %v", path, err)
	}
	r, err := in.Arrays(got)
	if err != nil {
		return usagef("%s: %v", path, strings.TrimPrefix(err.Error(), "check: "))
	}
	if len(r.Lines) == 0 {
		return usagef("%s: no quantity to check: the file has only the inputs (save A1.., J, D1.., costs, ... beside them)", path)
	}
	w := &tracerOut{w: stdout}
	sizes := []string{strconv.Itoa(in.Theta[1].Cols - 1)}
	for _, t := range in.Theta[1:] {
		sizes = append(sizes, strconv.Itoa(t.Rows))
	}
	if r.Transposed {
		sizes = []string{strconv.Itoa(in.Theta[1].Rows - 1)}
		for _, t := range in.Theta[1:] {
			sizes = append(sizes, strconv.Itoa(t.Cols))
		}
	}
	w.printf("ann check %s: layers %s, m = %d, lambda %v, alpha %v, %d iterations\n", path, strings.Join(sizes, ","), len(in.Y), in.Lambda, in.Alpha, in.Iters)
	if w.err != nil {
		return w.err
	}
	if err := r.Write(stdout); err != nil {
		return err
	}
	if !r.OK() {
		return fmt.Errorf("%s: %s disagrees", path, r.Wrong.Name)
	}
	return nil
}

// readCheckFile reads a learner's .npz: the inputs (Theta<l>, X, y and the
// settings, from the file where it has them, else from the flags) and the
// other arrays by name, each as a matrix (a scalar 1 x 1, a vector 1 x n).
func readCheckFile(path string, fs *flag.FlagSet, lambda, alpha float64, iters, seed int) (check.Inputs, map[string]*matrix.Dense, error) {
	arrays, err := npy.ReadNPZFile(path)
	if err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "npz: "), path+": ")
		if strings.Contains(msg, "zip") {
			msg = "not an .npz file (a zip of .npy files, as np.savez writes): " + msg
		}
		return check.Inputs{}, nil, errors.New(msg)
	}
	got := map[string]*matrix.Dense{}
	for _, a := range arrays {
		var m *matrix.Dense
		switch len(a.Shape) {
		case 0:
			m = &matrix.Dense{Rows: 1, Cols: 1, Data: a.Data}
		case 1:
			m = &matrix.Dense{Rows: 1, Cols: a.Shape[0], Data: a.Data}
		case 2:
			m = &matrix.Dense{Rows: a.Shape[0], Cols: a.Shape[1], Data: a.Data}
		default:
			return check.Inputs{}, nil, fmt.Errorf("%s has %d dimensions: want at most 2", a.Name, len(a.Shape))
		}
		for i, v := range m.Data {
			if !finite.Is(v) {
				return check.Inputs{}, nil, fmt.Errorf("%s holds %v at index %d: a number is needed", a.Name, v, i)
			}
		}
		got[a.Name] = m
	}
	var in check.Inputs
	in.Theta = []*matrix.Dense{nil}
	for l := 1; got[fmt.Sprint("Theta", l)] != nil; l++ {
		in.Theta = append(in.Theta, got[fmt.Sprint("Theta", l)])
		delete(got, fmt.Sprint("Theta", l))
	}
	if len(in.Theta) < 2 {
		return in, nil, errors.New("no Theta1: save the weights as Theta1, Theta2 and so on (np.savez(file, Theta1=Thetas[1], Theta2=Thetas[2]))")
	}
	if in.X = got["X"]; in.X == nil {
		return in, nil, errors.New("no X: save the examples as X")
	}
	yArr := got["y"]
	if yArr == nil {
		return in, nil, errors.New("no y: save the labels as y")
	}
	if yArr.Rows != 1 && yArr.Cols != 1 {
		return in, nil, fmt.Errorf("y is %dx%d: want a vector of labels", yArr.Rows, yArr.Cols)
	}
	for i, v := range yArr.Data {
		if v != math.Trunc(v) || v < 0 || v > 1e6 {
			return in, nil, fmt.Errorf("y[%d] is %v: want a class: 0, 1 and so on", i, v)
		}
		in.Y = append(in.Y, int(v))
	}
	delete(got, "X")
	delete(got, "y")
	setting := func(name string, flagValue float64) (float64, error) {
		a, ok := got[name]
		if !ok {
			return flagValue, nil
		}
		delete(got, name)
		if len(a.Data) != 1 {
			return 0, fmt.Errorf("%s holds %d numbers: want one", name, len(a.Data))
		}
		if flagGiven(fs, name) && a.Data[0] != flagValue {
			return 0, fmt.Errorf("%s is %v in the file and %v by -%s: give one", name, a.Data[0], flagValue, name)
		}
		return a.Data[0], nil
	}
	var it, sd float64
	if in.Lambda, err = setting("lambda", lambda); err == nil {
		if in.Alpha, err = setting("alpha", alpha); err == nil {
			if it, err = setting("iters", float64(iters)); err == nil {
				sd, err = setting("seed", float64(seed))
			}
		}
	}
	if err != nil {
		return in, nil, err
	}
	if it < 0 {
		it = 0
		if c := got["costs"]; c != nil {
			it = float64(len(c.Data))
		}
	}
	if it != math.Trunc(it) || it > 1e5 {
		return in, nil, fmt.Errorf("iters %v: want a count of iterations", it)
	}
	if sd != math.Trunc(sd) || sd < 0 || sd > math.MaxUint32 {
		return in, nil, fmt.Errorf("seed %v: want an integer from 0 to 2^32-1, as np.random.seed takes", sd)
	}
	in.Iters, in.Seed = int(it), uint32(sd)
	return in, got, nil
}

// checkCase is one of the inputs ann check -inputs writes.
type checkCase struct {
	name string
	in   check.Inputs
}

// checkCases returns the inputs -inputs writes: check.Small and check.Moons.
func checkCases() []checkCase {
	return []checkCase{{"small", check.Small()}, {"moons", check.Moons()}}
}

// writeCheckInputs writes each case's X.npy, y.npy, Theta<l>.npy and
// params.json into dir/<case>.
func writeCheckInputs(dir string, stdout io.Writer) error {
	w := &tracerOut{w: stdout}
	for _, c := range checkCases() {
		d := filepath.Join(dir, c.name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return usagef("-inputs: %v", err)
		}
		in := c.in
		y := make([]float64, len(in.Y))
		for i, v := range in.Y {
			y[i] = float64(v)
		}
		files := []npy.Array{
			{Name: "X", Shape: []int{in.X.Rows, in.X.Cols}, Data: in.X.Data},
			{Name: "y", Shape: []int{len(y)}, Data: y, Int: true},
		}
		sizes := []int{in.Theta[1].Cols - 1}
		for l := 1; l < len(in.Theta); l++ {
			t := in.Theta[l]
			files = append(files, npy.Array{Name: fmt.Sprint("Theta", l), Shape: []int{t.Rows, t.Cols}, Data: t.Data})
			sizes = append(sizes, t.Rows)
		}
		for _, a := range files {
			if err := npy.WriteNPYFile(filepath.Join(d, a.Name+".npy"), a); err != nil {
				return err
			}
		}
		params, err := json.MarshalIndent(map[string]any{
			"layers": sizes, "lambda": in.Lambda, "alpha": in.Alpha, "iters": in.Iters, "seed": in.Seed,
		}, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(d, "params.json"), append(params, '\n'), 0o644); err != nil {
			return err
		}
		names := []string{}
		for _, a := range files {
			names = append(names, a.Name+".npy")
		}
		sort.Strings(names)
		w.printf("%s: %s and params.json (layers %v, m = %d, lambda %v, alpha %v, iters %d, seed %d)\n",
			d, strings.Join(names, ", "), sizes, len(in.Y), in.Lambda, in.Alpha, in.Iters, in.Seed)
	}
	return w.err
}

package main

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/network/model"
)

// ann train -start from the model.npz of a run of k iterations, for n more,
// writes the model.npz of a run of k+n iterations byte for byte, and the
// costs of its last n iterations: with batch gradient descent an iteration
// depends on the weights alone. So with a held-out set and -standardize (the
// scaler comes from the file) and -features.
func TestTrainStartContinues(t *testing.T) {
	t.Parallel()
	for _, flags := range [][]string{
		{"-layers", "2,3,2"},
		{"-layers", "2,4,3,2", "-test-fraction", "0.3", "-standardize", "-lambda", "0.01", "-activation", "tanh"},
		{"-data", "xor", "-n", "200", "-features", "x1,x2,x1*x2", "-layers", "3,2"},
	} {
		dir := t.TempDir()
		train := func(out string, more ...string) {
			t.Helper()
			args := append(append([]string{"train", "-q", "-out", filepath.Join(dir, out)}, flags...), more...)
			if code, _, errs := runAnn(args...); code != 0 {
				t.Fatalf("ann %v: %d %s", args, code, errs)
			}
		}
		train("whole", "-iters", "30")
		train("first", "-iters", "12")
		// -layers, -features, -activation given as well agree with the file.
		train("rest", "-iters", "18", "-start", filepath.Join(dir, "first", "model.npz"))
		whole, rest := readOut(t, dir, "whole", "model.npz"), readOut(t, dir, "rest", "model.npz")
		if whole != rest {
			t.Errorf("%v: the model of 12 then -start 18 iterations differs from 30 iterations'", flags)
		}
		wc := strings.Split(strings.TrimSpace(readOut(t, dir, "whole", "costs.csv")), "\n")
		rc := strings.Split(strings.TrimSpace(readOut(t, dir, "rest", "costs.csv")), "\n")
		if len(wc) != 31 || len(rc) != 19 {
			t.Fatalf("%v: %d and %d lines of costs.csv, want 31 and 19", flags, len(wc), len(rc))
		}
		for i := 1; i <= 18; i++ {
			_, w, _ := strings.Cut(wc[12+i], ",")
			_, r, _ := strings.Cut(rc[i], ",")
			if w != r {
				t.Errorf("%v: -start's iteration %d costs %s, the whole run's iteration %d %s", flags, i, r, 12+i, w)
			}
		}
		if rj := readOut(t, dir, "rest", "run.json"); !strings.Contains(rj, `"start": "`+filepath.Join(dir, "first", "model.npz")+`"`) || strings.Contains(rj, `"init"`) {
			t.Errorf("%v: run.json of -start does not name its file instead of -init:\n%s", flags, rj)
		}
	}
	// Without -layers, the file defines the network.
	dir := t.TempDir()
	start := filepath.Join(dir, "m.npz")
	if code, _, errs := runAnn("train", "-q", "-iters", "3", "-layers", "2,6,2", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	os.Rename(filepath.Join(dir, "model.npz"), start)
	code, out, errs := runAnn("train", "-iters", "3", "-q", "-start", start)
	if code != 0 || !strings.Contains(out, "network:  2,6,2, sigmoid hidden layers, from the weights of "+start) {
		t.Errorf("ann train -start without -layers: %d %q %q", code, out, errs)
	}
	// A file of weights typed by hand (the playground's edited.npz) says so,
	// and the trained model keeps the record.
	m, err := model.ReadFile(start)
	if err != nil {
		t.Fatal(err)
	}
	m.Edits = []model.Edit{{Iteration: 0, Layer: 1, Row: 2, Col: 0, Value: 1.5}, {Iteration: 4, Layer: 2, Row: 1, Col: 6, Value: -2}}
	m.Net.Theta[1].Set(1, 0, 1.5)
	if err := m.WriteFile(start); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(dir, "out2")
	code, out, errs = runAnn("train", "-iters", "3", "-q", "-start", start, "-out", out2)
	if code != 0 || !strings.Contains(out, "from the weights of "+start+" (2 weights typed by hand, the last at iteration 4)") {
		t.Errorf("ann train -start of edited weights: %d %q %q", code, out, errs)
	}
	got, err := model.ReadFile(filepath.Join(out2, "model.npz"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Edits, m.Edits) {
		t.Errorf("the model trained from edited weights records the edits %v, want %v", got.Edits, m.Edits)
	}
}

func readOut(t *testing.T, dir ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every bad -start file, and every flag that disagrees with a good one, is
// one line naming the file and what is wrong, exit 2, and no -out written.
func TestTrainStartBad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	write := func(name string, arrays ...npy.Array) string {
		t.Helper()
		if err := npy.WriteNPZFile(path(name), arrays); err != nil {
			t.Fatal(err)
		}
		return path(name)
	}
	theta := func(name string, r, c int, v float64) npy.Array {
		d := make([]float64, r*c)
		for i := range d {
			d[i] = v
		}
		return npy.Array{Name: name, Shape: []int{r, c}, Data: d}
	}
	notNPZ := path("text.npz")
	os.WriteFile(notNPZ, []byte("Theta1\n"), 0o644)
	huge := path("huge.npz")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(npy.MaxFileBytes + 1) // sparse: nothing is written
	f.Close()
	good := write("good.npz", theta("Theta1", 3, 3, 0.1), theta("Theta2", 2, 4, -0.1))
	scaled := &model.Model{Net: mustRead(t, good).Net, Scaler: &model.Scaler{Mean: []float64{0, 0}, Std: []float64{1, 2}}}
	if err := scaled.WriteFile(path("scaled.npz")); err != nil {
		t.Fatal(err)
	}
	nan := theta("Theta1", 3, 3, 0.1)
	nan.Data[4] = math.NaN()
	inf := theta("Theta2", 2, 4, 0.1)
	inf.Data[0] = math.Inf(1)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-start", path("none.npz")}, "none.npz: no such file"},
		{[]string{"-start", notNPZ}, "text.npz: not a valid zip archive"},
		{[]string{"-start", huge}, "huge.npz: " + strconv.Itoa(npy.MaxFileBytes+1) + " bytes, more than"},
		{[]string{"-start", write("nothing.npz", npy.Array{Name: "W", Shape: []int{2}, Data: []float64{1, 2}})}, "nothing.npz"},
		{[]string{"-start", write("onlytheta2.npz", theta("Theta2", 2, 4, 0.1))}, "onlytheta2.npz: Theta1 is missing"},
		{[]string{"-start", write("nan.npz", nan, theta("Theta2", 2, 4, 0.1))}, "nan.npz: Theta1 holds NaN at element 4"},
		{[]string{"-start", write("inf.npz", theta("Theta1", 3, 3, 0.1), inf)}, "inf.npz: Theta2 holds +Inf at element 0"},
		{[]string{"-start", write("chain.npz", theta("Theta1", 3, 3, 0.1), theta("Theta2", 2, 5, 0.1))}, "chain.npz"},
		{[]string{"-start", write("threecols.npz", theta("Theta1", 2, 4, 0.1))}, "threecols.npz: -layers 3,2: the input layer has 3 units but the data has 2 features"},
		{[]string{"-start", write("classes.npz", theta("Theta1", 3, 3, 0.1))}, "classes.npz: -layers 2,3: the output layer has 3 units but the data has 2 classes"},
		{[]string{"-start", good, "-layers", "2,4,2"}, "good.npz: its weights are those of -layers 2,3,2, but -layers is 2,4,2"},
		{[]string{"-start", good, "-activation", "relu"}, "good.npz: its hidden activation is sigmoid, but -activation is relu"},
		{[]string{"-start", good, "-features", "x1,x2"}, "good.npz: its inputs are the data's own columns, but -features is x1,x2"},
		{[]string{"-start", good, "-init", "text"}, "-init text: the initial weights come from -start " + good},
		{[]string{"-start", good, "-seed", "4"}, "-seed 4: the initial weights come from -start " + good},
		{[]string{"-start", good, "-standardize"}, "good.npz: its weights are for inputs that are not standardized"},
		{[]string{"-start", path("scaled.npz"), "-standardize=false"}, "scaled.npz: its inputs are standardized"},
		{[]string{"-start", ""}, `-start "": want a model file`},
	} {
		out := filepath.Join(dir, "out")
		args := append([]string{"train", "-iters", "2", "-out", out}, tc.args...)
		code, stdout, errs := runAnn(args...)
		if code != 2 || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "ann train: ") || stdout != "" {
			t.Errorf("ann %v: exit %d, stdout %q, stderr %q; want 2 and one line with %q", args[1:], code, stdout, errs, tc.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("ann %v wrote %s", args[1:], out)
			os.RemoveAll(out)
		}
	}
	// -seed with -early-stopping splits the validation rows: allowed.
	if code, _, errs := runAnn("train", "-q", "-iters", "2", "-start", good, "-seed", "4", "-early-stopping"); code != 0 {
		t.Errorf("-start with -seed and -early-stopping: %d %s", code, errs)
	}
	// A scaled file's scaler is used as saved, with or without -standardize.
	for _, args := range [][]string{{}, {"-standardize"}} {
		code, out, errs := runAnn(append([]string{"train", "-q", "-iters", "2", "-start", path("scaled.npz")}, args...)...)
		if code != 0 || !strings.Contains(out, "standardized features") {
			t.Errorf("-start scaled.npz %v: %d %q %q", args, code, out, errs)
		}
	}
}

func mustRead(t *testing.T, path string) *model.Model {
	t.Helper()
	m, err := model.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

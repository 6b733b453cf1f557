package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/network/model"
)

// ann train reproduces the tutorial's two runs: the defaults are Take 1, and
// -first 500 -iters 5000 is Take 2. costs.csv holds numpy's costs.
func TestTrainReproducesTutorial(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref  string
		args []string
		want []string
	}{
		{"take1", nil, []string{"0.519495 at iteration 1000", "0.519481 after training", "0.875 on the 1000 training rows, 0.875 on all 1000 rows"}},
		{"take2", []string{"-first", "500", "-iters", "5000"}, []string{"0.030128 at iteration 5000", "0.030072 after training", "0.998 on the 500 training rows, 0.998 on all 1000 rows"}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		args := append([]string{"train", "-q", "-out", dir}, tt.args...)
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("ann %v printed\n%s\nwant it to contain %q", args, out, w)
			}
		}
		ref, err := reference.Load(tt.ref)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "costs.csv"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if lines[0] != "iteration,cost" || len(lines) != len(ref.Costs)+1 {
			t.Fatalf("costs.csv: header %q and %d rows, want iteration,cost and %d rows", lines[0], len(lines)-1, len(ref.Costs))
		}
		for i, want := range ref.Costs {
			f := strings.Split(lines[i+1], ",")
			got, err := strconv.ParseFloat(f[1], 64)
			if f[0] != strconv.Itoa(i+1) || err != nil || math.Abs(got-want) > 1e-9*want {
				t.Fatalf("costs.csv row %d = %q, want iteration %d cost %v", i+1, lines[i+1], i+1, want)
			}
		}
		m, err := model.ReadFile(filepath.Join(dir, "model.npz"))
		if err != nil {
			t.Fatal(err)
		}
		want := ref.Theta()
		for l := 1; l < len(want); l++ {
			for i, v := range want[l].Data {
				if !(math.Abs(m.Net.Theta[l].Data[i]-v) <= 1e-8) {
					t.Fatalf("model.npz Theta%d element %d = %v, numpy's trained weight %v", l, i, m.Net.Theta[l].Data[i], v)
				}
			}
		}
		var rec runRecord
		b, err = os.ReadFile(filepath.Join(dir, "run.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatalf("run.json: %v", err)
		}
		if rec.Result.AccuracyAll != ref.AccuracyAll || math.Abs(rec.Result.FinalCost-ref.FinalCost) > 1e-9 ||
			rec.Data.TrainRows != ref.Config.NTrain || rec.Training.Iters != ref.Config.Iters || rec.Version == "" {
			t.Errorf("run.json = %+v, want accuracy %v, final cost %v, %d training rows", rec, ref.AccuracyAll, ref.FinalCost, ref.Config.NTrain)
		}
	}
}

func TestTrainProgress(t *testing.T) {
	t.Parallel()
	code, _, errs := runAnn("train", "-n", "50", "-iters", "20")
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 10 || !strings.HasPrefix(lines[0], "iteration  2/20  cost ") || !strings.HasPrefix(lines[9], "iteration 20/20") {
		t.Errorf("progress on stderr:\n%s\nwant 10 lines, every 2 iterations", errs)
	}
}

func TestTrainBadInput(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-layers", "3,5,2"}, "the input layer has 3 units but the data has 2 features"},
		{[]string{"-layers", "2,5,3"}, "the output layer has 3 units but the data has 2 classes"},
		{[]string{"-layers", "2,0,2"}, "layer 2 has 0 units"},
		{[]string{"-layers", "2"}, "at least 2 layers"},
		{[]string{"-layers", "2,x,2"}, `"x" is not a layer size`},
		{[]string{"-layers", "2,100000000,2"}, "too large"},
		{[]string{"-alpha", "0"}, "alpha 0: want a finite number > 0"},
		{[]string{"-alpha", "NaN"}, "alpha NaN"},
		{[]string{"-iters", "0"}, "iters 0: want at least 1 iteration"},
		{[]string{"-lambda", "-1"}, "lambda -1: want a finite number >= 0"},
		{[]string{"-first", "1001"}, "-first 1001: the data set has only 20 rows"},
		{[]string{"-init", "glorot"}, `-init "glorot": want code or text`},
		{[]string{"-activation", "elu"}, `unknown activation "elu"`},
		{[]string{"-seed", "x"}, "want an integer from 0 to 4294967295"},
		{[]string{"-out", filepath.Join(file, "sub")}, "-out:"},
	}
	for _, tt := range tests {
		args := append([]string{"train", "-iters", "2", "-n", "20"}, tt.args...)
		code, out, errs := runAnn(args...)
		if code != 2 || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 || out != "" {
			t.Errorf("ann %s: exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q",
				strings.Join(args, " "), code, out, errs, tt.want)
		}
	}
}

// A diverging run ends with the divergence error, exit status 1, and writes
// no files.
func TestTrainDiverges(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errs := runAnn("train", "-q", "-alpha", "1e300", "-out", dir)
	if code != 1 || !strings.Contains(errs, "training diverged at iteration") || !strings.Contains(errs, "smaller -alpha") {
		t.Errorf("exit %d, stderr %q; want 1 and the divergence error", code, errs)
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("-out holds %d files after divergence, want none", len(entries))
	}
}

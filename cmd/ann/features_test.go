package main

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/moons"
)

// With the input x1·x2, a network without a hidden layer (-layers 3,2)
// separates the xor data set, which it cannot from x1 and x2 alone; the
// model file records the features, so ann predict on the saved model gives
// the training's own predictions, row for row.
func TestFeaturesXOR(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := []string{"-data", "xor", "-noise", "0.05", "-layers", "3,2", "-features", "x1,x2,x1*x2"}
	code, out, errs := runAnn(append([]string{"train", "-q", "-out", dir}, args...)...)
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(out, "network:  3,2, inputs x1,x2,x1*x2,") {
		t.Errorf("train's summary does not name the inputs:\n%s", out)
	}
	var rec runRecord
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Network.Features != "x1,x2,x1*x2" {
		t.Errorf("run.json features %q, want x1,x2,x1*x2", rec.Network.Features)
	}
	if acc := rec.Result.AccuracyAll; acc < 0.95 {
		t.Errorf("xor with x1*x2 and no hidden layer: accuracy %v, want >= 0.95", acc)
	}
	// Without the product the same network draws a straight line.
	code, plain, errs := runAnn("train", "-q", "-data", "xor", "-noise", "0.05", "-layers", "2,2")
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(plain, "accuracy: 0.6") {
		t.Errorf("xor without features, no hidden layer: want an accuracy near 0.6, got\n%s", plain)
	}

	// The training's predictions, from the run in memory.
	var df dataFlags
	var nf netFlags
	fs := newFlagSet("train", "", io.Discard)
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	nf.registerFeatures(fs)
	ds, err := parseAndLoad(fs, args, &df, &nf)
	if err != nil {
		t.Fatal(err)
	}
	r, err := train(context.Background(), ds, seq(ds.X.Rows), nil, &nf, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want, err := r.model.Predict(ds.X)
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(dir, "xor.csv")
	if code, _, errs := runAnn("data", "-data", "xor", "-noise", "0.05", "-o", csvPath); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs = runAnn("predict", "-model", filepath.Join(dir, "model.npz"), "-data", csvPath)
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Fields(out)
	if len(lines) != len(want) {
		t.Fatalf("predict printed %d classes for %d rows", len(lines), len(want))
	}
	for i, l := range lines {
		if l != strconv.Itoa(want[i]) {
			t.Fatalf("row %d: predict says %s, training's model %d", i, l, want[i])
		}
	}
	if w := "accuracy " + strconv.FormatFloat(rec.Result.AccuracyAll, 'f', 4, 64); !strings.Contains(errs, w) {
		t.Errorf("predict: %q, want %q as run.json says", errs, w)
	}
}

func TestFeaturesFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "-features", "x1,x3"}, `invalid value "x1,x3" for flag -features: unknown feature "x3"`},
		{[]string{"train", "-features", "x1,x1"}, "feature x1 is listed twice"},
		{[]string{"train", "-features", "x1,x2,x1*x2"}, "-layers 2,5,5,2: the input layer has 2 units but -features x1,x2,x1*x2 gives 3 inputs"},
		{[]string{"cv", "-data", filepath.Join("..", "..", "testdata", "iris.csv"), "-layers", "1,3", "-features", "x1"}, "-features x1: computed from 2 features (x1, x2), but the data has 4"},
	} {
		code, _, errs := runAnn(tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("ann %s: exit %d, %q; want exit 2 and %q", strings.Join(tc.args, " "), code, errs, tc.want)
		}
	}
	// cv trains each fold on the features.
	code, out, errs := runAnn("cv", "-q", "-data", "xor", "-noise", "0.05", "-n", "200", "-k", "2", "-layers", "3,2", "-features", "x1,x2,x1*x2")
	if code != 0 || !strings.Contains(out, "accuracy: mean 0.9") {
		t.Errorf("cv with features: exit %d, %s%s", code, out, errs)
	}
}

// ann trace applies -features, and a model's features, to the example.
func TestFeaturesTrace(t *testing.T) {
	t.Parallel()
	code, out, errs := runAnn("trace", "-data", "xor", "-features", "x1*x2", "-layers", "1,2", "-example", "3")
	if code != 0 || !strings.Contains(out, "The inputs are -features x1*x2 of the data's row (x1, x2)") || !strings.Contains(out, "1 inputs, K = 2 classes") {
		t.Errorf("trace -features: exit %d, %s%s", code, errs, out)
	}
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-data", "xor", "-iters", "5", "-layers", "2,2", "-features", "sin(x1),x2^2", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs = runAnn("trace", "-data", "xor", "-model", filepath.Join(dir, "model.npz"))
	if code != 0 || !strings.Contains(out, "The model's inputs are the features sin(x1),x2^2 of the data's row") {
		t.Errorf("trace -model with features: exit %d, %s%s", code, errs, out)
	}
	if code, _, errs := runAnn("trace", "-data", "xor", "-model", filepath.Join(dir, "model.npz"), "-features", "x1"); code != 2 || !strings.Contains(errs, "-features: the network comes from -model") {
		t.Errorf("trace -model -features: exit %d, %q", code, errs)
	}
}

// The playground trains on -features as ann train does (TestServeEqualsTrain
// compares the files), and its step-through and trace show the features as
// the network's inputs.
func TestServeFeatures(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	p := openPage(t, srv, url.Values{"data": {"xor"}, "features": {"x1*x2,sin(x1)"}, "layers": {"2,3,2"}})
	code, body := get(t, srv, "/api/step?id="+p.id+"&example=4")
	if code != 200 {
		t.Fatalf("GET /api/step: %d %s", code, body)
	}
	var s stepInfo
	if err := json.Unmarshal(body, &s); err != nil {
		t.Fatal(err)
	}
	X, _ := moons.XOR(1000, 0.1, 0)
	x1, x2 := X.At(4, 0), X.At(4, 1)
	if len(s.X) != 2 || s.X[0] != x1*x2 || s.X[1] != math.Sin(x1) || s.A[1][0] != x1*x2 {
		t.Errorf("step x = %v, a^(1) = %v; want the features [%v %v]", s.X, s.A[1], x1*x2, math.Sin(x1))
	}
	code, body = get(t, srv, "/api/trace?id="+p.id+"&example=4")
	if code != 200 || !strings.Contains(string(body), "The inputs are -features x1*x2,sin(x1) of the data's row") {
		t.Errorf("GET /api/trace with features: %d %.300s", code, body)
	}
}

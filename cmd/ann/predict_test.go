package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/internal/reference"
)

// A model trained and saved by the tutorial's numpy code predicts what numpy's
// predict gives, with the same probabilities to 1e-12.
func TestPredictNumpyModel(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(reference.Dir(), "numpy")
	want, err := reference.LoadModelPredictions()
	if err != nil {
		t.Fatal(err)
	}
	model, inputs := filepath.Join(dir, "model.npz"), filepath.Join(dir, "model_inputs.csv")
	code, out, errs := runAnn("predict", "-model", model, "-data", inputs)
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Fields(out)
	if len(lines) != len(want.Predict) {
		t.Fatalf("%d predictions, want %d", len(lines), len(want.Predict))
	}
	for i, l := range lines {
		if l != strconv.Itoa(want.Predict[i]) {
			t.Fatalf("row %d: predicted %s, numpy %d", i, l, want.Predict[i])
		}
	}
	if !strings.Contains(errs, "accuracy "+strconv.FormatFloat(want.Accuracy, 'f', 4, 64)) {
		t.Errorf("stderr %q, want the accuracy %.4f", errs, want.Accuracy)
	}
	code, out, _ = runAnn("predict", "-model", model, "-data", inputs, "-proba")
	if code != 0 {
		t.Fatal(out)
	}
	for i, row := range strings.Split(strings.TrimSpace(out), "\n") {
		for k, f := range strings.Split(row, ",") {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || math.Abs(v-want.Proba[i][k]) > 1e-12 {
				t.Fatalf("row %d class %d: %q, numpy %v", i, k, f, want.Proba[i][k])
			}
		}
	}
}

// A model written by ann train, with standardization and tanh, reads back in
// ann predict, which applies both; inputs without labels print no accuracy.
func TestPredictTrainedModel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errs := runAnn("train", "-q", "-data", "circles", "-n", "300", "-layers", "2,6,2", "-activation", "tanh",
		"-standardize", "-iters", "300", "-alpha", "1", "-out", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	csvPath := filepath.Join(dir, "circles.csv")
	if code, _, errs := runAnn("data", "-data", "circles", "-n", "300", "-o", csvPath); code != 0 {
		t.Fatal(errs)
	}
	code, _, errs = runAnn("predict", "-model", filepath.Join(dir, "model.npz"), "-data", csvPath)
	i := strings.Index(out, "on all 300 rows")
	if code != 0 || i < 0 || !strings.Contains(errs, "accuracy "+out[i-6:i-1]) {
		t.Errorf("predict: exit %d, %q; train said %q", code, errs, out)
	}
	// The same rows without their labels.
	b, _ := os.ReadFile(csvPath)
	var noLabels bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		noLabels.WriteString(line[:strings.LastIndexByte(line, ',')] + "\n")
	}
	plain := filepath.Join(dir, "features.csv")
	os.WriteFile(plain, noLabels.Bytes(), 0o644)
	code, out, errs = runAnn("predict", "-model", filepath.Join(dir, "model.npz"), "-data", plain)
	if code != 0 || errs != "" || len(strings.Fields(out)) != 300 {
		t.Errorf("predict without labels: exit %d, stderr %q, %d lines", code, errs, len(strings.Fields(out)))
	}
	// -reference computes the outputs with network.Forward: the same classes,
	// the same probabilities to 1e-12.
	if _, ref, _ := runAnn("predict", "-reference", "-model", filepath.Join(dir, "model.npz"), "-data", plain); ref != out {
		t.Errorf("predict -reference printed other classes than predict")
	}
	_, p, _ := runAnn("predict", "-proba", "-model", filepath.Join(dir, "model.npz"), "-data", plain)
	_, pr, _ := runAnn("predict", "-proba", "-reference", "-model", filepath.Join(dir, "model.npz"), "-data", plain)
	pe, pn := strings.FieldsFunc(p, isSep), strings.FieldsFunc(pr, isSep)
	if len(pe) != 600 || len(pe) != len(pn) {
		t.Fatalf("predict -proba printed %d numbers, with -reference %d; want 600", len(pe), len(pn))
	}
	for i := range pe {
		x, _ := strconv.ParseFloat(pe[i], 64)
		y, _ := strconv.ParseFloat(pn[i], 64)
		if !near12(x, y, 1e-12) {
			t.Errorf("predict -proba: output %d is %s, with -reference %s", i, pe[i], pn[i])
		}
	}
}

func isSep(r rune) bool { return r == ',' || r == '\n' }

// Corrupt, truncated and wrong-shape model files: one clear error, exit 2.
func TestPredictBadModel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inputs := filepath.Join("..", "..", "testdata", "numpy", "model_inputs.csv")
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "numpy", "model.npz"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	npz := func(arrays ...npy.Array) []byte {
		var buf bytes.Buffer
		if err := npy.WriteNPZ(&buf, arrays); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	corrupt := append([]byte(nil), good...)
	corrupt[len(corrupt)/2] ^= 0xff
	tests := []struct {
		path, want string
	}{
		{write("truncated.npz", good[:len(good)/2]), "not a valid zip"},
		{write("corrupt.npz", corrupt), "corrupt.npz"},
		{write("empty.npz", nil), "empty.npz"},
		{write("shapes.npz", npz(npy.Array{Name: "Theta1", Shape: []int{4, 3}, Data: make([]float64, 12)},
			npy.Array{Name: "Theta2", Shape: []int{2, 4}, Data: make([]float64, 8)})), "Theta2 is 2x4 but Theta1 has 4 rows: want 5 columns"},
		{write("missing.npz", npz(npy.Array{Name: "Theta2", Shape: []int{2, 3}, Data: make([]float64, 6)})), "Theta1 is missing"},
		{write("wide.npz", npz(npy.Array{Name: "Theta1", Shape: []int{2, 5}, Data: make([]float64, 10)})), "line 2 has 3 fields, want 4 (the features) or 5"},
		{filepath.Join(dir, "nonexistent.npz"), "no such file"},
	}
	for _, tt := range tests {
		code, out, errs := runAnn("predict", "-model", tt.path, "-data", inputs)
		if code != 2 || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 || out != "" {
			t.Errorf("predict -model %s: exit %d, stdout %d bytes, stderr %q; want exit 2 and one line containing %q",
				filepath.Base(tt.path), code, len(out), errs, tt.want)
		}
	}
	if code, _, errs := runAnn("predict", "-model", filepath.Join(dir, "x.npz")); code != 2 || !strings.Contains(errs, "both -model and -data are required") {
		t.Errorf("no -data: exit %d, %q", code, errs)
	}
}

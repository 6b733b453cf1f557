package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/trainer/metrics"
)

// readPerClass reads run.json's per_class section from dir.
func readPerClass(t *testing.T, dir string) perClassRecord {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		PerClass *perClassRecord `json:"per_class"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.PerClass == nil {
		t.Fatalf("%s/run.json has no per_class", dir)
	}
	return *rec.PerClass
}

// checkConfusion checks that the matrix sums to the rows scored and its
// diagonal gives the accuracy printed, and that the table printed and the
// report recorded are the matrix's.
func checkConfusion(t *testing.T, what string, pc perClassRecord, rows int, accuracy, out string) {
	t.Helper()
	K := len(pc.Confusion)
	c := &metrics.Confusion{K: K}
	for _, row := range pc.Confusion {
		c.Counts = append(c.Counts, row...)
	}
	if c.Total() != rows || pc.Rows != rows {
		t.Errorf("%s: the confusion matrix sums to %d (rows_scored %d), want the %d rows scored", what, c.Total(), pc.Rows, rows)
	}
	if got := strconv.FormatFloat(c.Accuracy(), 'f', 4, 64); got != accuracy {
		t.Errorf("%s: the matrix's accuracy is %s, the run printed %s", what, got, accuracy)
	}
	if r := c.Report(); fmt.Sprint(r) != fmt.Sprint(pc.Report) {
		t.Errorf("%s: run.json's report %+v, the matrix's %+v", what, pc.Report, r)
	}
	var table strings.Builder
	c.Write(&table, nil)
	if !strings.Contains(out, table.String()) {
		t.Errorf("%s printed\n%s\nwant the tables\n%s", what, out, table.String())
	}
}

func TestPerClassTrainCVPredict(t *testing.T) {
	t.Parallel()
	digits := filepath.Join("..", "..", "testdata", "digits.csv.gz")
	dir := t.TempDir()
	code, out, errs := runAnn("train", "-data", digits, "-layers", "64,25,10", "-standardize", "-alpha", "2", "-iters", "60",
		"-test-fraction", "0.25", "-per-class", "-q", "-out", dir)
	if code != 0 {
		t.Fatalf("ann train: exit %d: %s", code, errs)
	}
	acc := regexp.MustCompile(`(\S+) on the (\d+) held-out rows`).FindStringSubmatch(out)
	if acc == nil || !strings.Contains(out, "per class, on the 450 held-out rows") {
		t.Fatalf("ann train printed\n%s", out)
	}
	pc := readPerClass(t, dir)
	checkConfusion(t, "ann train", pc, 450, strconv.FormatFloat(pc.Report.Accuracy, 'f', 4, 64), out)
	if got := strconv.FormatFloat(pc.Report.Accuracy, 'f', 3, 64); got != acc[1] { // train prints 3 decimals
		t.Errorf("ann train: per-class accuracy %s, printed %s", got, acc[1])
	}
	svg, err := os.ReadFile(filepath.Join(dir, "confusion.svg"))
	if err != nil {
		t.Fatal(err)
	}
	checkXML(t, "confusion.svg", svg)

	// predict -per-class on the training data, with labels
	code, _, errs = runAnn("predict", "-model", filepath.Join(dir, "model.npz"), "-data", digits, "-per-class")
	m := regexp.MustCompile(`accuracy (\S+) on the 1797 rows`).FindStringSubmatch(errs)
	if code != 0 || m == nil || !strings.Contains(errs, "per class, on the 1797 rows of") {
		t.Fatalf("ann predict -per-class: exit %d, stderr\n%s", code, errs)
	}
	if !regexp.MustCompile(`(?m)^    accuracy +` + regexp.QuoteMeta(m[1]) + ` +1797$`).MatchString(errs) {
		t.Errorf("ann predict -per-class: the table's accuracy is not the %s printed:\n%s", m[1], errs)
	}

	cvDir := t.TempDir()
	code, out, errs = runAnn("cv", "-data", digits, "-layers", "64,25,10", "-standardize", "-alpha", "2", "-iters", "40", "-k", "3",
		"-per-class", "-q", "-out", cvDir)
	if code != 0 {
		t.Fatalf("ann cv: exit %d: %s", code, errs)
	}
	// The summed matrix's accuracy is the folds' accuracies weighted by their rows.
	folds := regexp.MustCompile(`accuracy (\S+) on its (\d+) held-out rows`).FindAllStringSubmatch(out, -1)
	right := 0.0
	for _, f := range folds {
		a, _ := strconv.ParseFloat(f[1], 64)
		n, _ := strconv.Atoi(f[2])
		right += a * float64(n)
	}
	pc = readPerClass(t, cvDir)
	if len(folds) != 3 || right/1797-pc.Report.Accuracy > 1e-4 || pc.Report.Accuracy-right/1797 > 1e-4 {
		t.Errorf("ann cv: summed accuracy %v, the folds' %v", pc.Report.Accuracy, right/1797)
	}
	checkConfusion(t, "ann cv", pc, 1797, strconv.FormatFloat(pc.Report.Accuracy, 'f', 4, 64), out)
	if _, err := os.Stat(filepath.Join(cvDir, "cv-confusion.svg")); err != nil {
		t.Error(err)
	}
}

func TestPerClassPredictWithoutLabels(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-iters", "5", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	csv := filepath.Join(dir, "x.csv")
	if err := os.WriteFile(csv, []byte("0.5,0.5\n1,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runAnn("predict", "-model", filepath.Join(dir, "model.npz"), "-data", csv, "-per-class")
	if want := "ann predict: -per-class: -data " + csv + " has no label column to score against\n"; code != 2 || errs != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
}

package metrics

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/ann-go/ann/internal/golden" // go test ./... -update
)

// testdata/report.json holds scikit-learn 1.2.1's confusion_matrix and
// classification_report(labels=range(K), zero_division=0) of predictions
// drawn by docs/numpy/gen_metrics.py (numpy 1.24.2). The per-class numbers
// are one division each and must be equal to the bit; the averages are sums
// over the classes, which numpy adds pairwise, so they may differ in the
// last place (1e-15).
func TestReportMatchesScikitLearn(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	type avg struct {
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1-score"`
	}
	var f struct {
		Cases []struct {
			K               int
			Y, Pred         []int
			Confusion       [][]int
			Classes         []Class
			Accuracy        float64
			Macro, Weighted avg
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 7 {
		t.Fatalf("%d cases, want the file's 7", len(f.Cases))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-15*math.Max(1, math.Abs(b)) }
	for n, c := range f.Cases {
		cm := New(c.K, c.Y, c.Pred)
		for i := range c.K {
			for j := range c.K {
				if cm.At(i, j) != c.Confusion[i][j] {
					t.Fatalf("case %d: C[%d][%d] = %d, scikit-learn %d", n, i, j, cm.At(i, j), c.Confusion[i][j])
				}
			}
		}
		if cm.Total() != len(c.Y) {
			t.Errorf("case %d: the matrix sums to %d, want the %d examples", n, cm.Total(), len(c.Y))
		}
		r := cm.Report()
		for k, want := range c.Classes {
			if r.Classes[k] != want {
				t.Errorf("case %d: class %d: %+v, scikit-learn %+v", n, k, r.Classes[k], want)
			}
		}
		if r.Accuracy != c.Accuracy {
			t.Errorf("case %d: accuracy %v, scikit-learn %v", n, r.Accuracy, c.Accuracy)
		}
		for _, a := range []struct {
			name string
			got  Class
			want avg
		}{{"macro", r.Macro, c.Macro}, {"weighted", r.Weighted, c.Weighted}} {
			if !near(a.got.Precision, a.want.Precision) || !near(a.got.Recall, a.want.Recall) || !near(a.got.F1, a.want.F1) {
				t.Errorf("case %d: %s average %+v, scikit-learn %+v", n, a.name, a.got, a.want)
			}
		}
	}
}

// Summing folds' matrices is counting all their examples at once.
func TestAdd(t *testing.T) {
	y, p := []int{0, 1, 2, 2, 1, 0, 1}, []int{0, 2, 2, 1, 1, 0, 0}
	all := New(3, y, p)
	sum := New(3, y[:3], p[:3])
	sum.Add(New(3, y[3:], p[3:]))
	for i, v := range all.Counts {
		if sum.Counts[i] != v {
			t.Fatalf("summed counts %v, all at once %v", sum.Counts, all.Counts)
		}
	}
	if got, want := sum.Accuracy(), 4.0/7; got != want {
		t.Errorf("accuracy %v, want %v", got, want)
	}
}

func TestNewPanics(t *testing.T) {
	for _, f := range []func(){
		func() { New(2, []int{0}, []int{0, 1}) },
		func() { New(2, []int{0, 2}, []int{0, 1}) },
		func() { New(2, []int{0}, []int{0}).Add(New(3, nil, nil)) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Error("no panic")
				}
			}()
			f()
		}()
	}
}

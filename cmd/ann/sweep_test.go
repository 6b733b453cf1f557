package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each value's numbers in a sweep are those of a separate ann cv run with
// that value, to the bit, for lambda, alpha and layers.
func TestSweepEqualsSeparateRuns(t *testing.T) {
	t.Parallel()
	base := []string{"cv", "-n", "120", "-noise", "0.3", "-iters", "60", "-k", "3", "-q"}
	for _, tt := range []struct {
		sweep string
		each  [][]string // the flags of the separate runs
	}{
		{"lambda=0,0.1,1", [][]string{{"-lambda", "0"}, {"-lambda", "0.1"}, {"-lambda", "1"}}},
		{"alpha=0.5,2", [][]string{{"-alpha", "0.5"}, {"-alpha", "2"}}},
		{"layers=2,3,2:2,6,6,2", [][]string{{"-layers", "2,3,2"}, {"-layers", "2,6,6,2"}}},
	} {
		dir := t.TempDir()
		args := append(append([]string{}, base...), "-sweep", tt.sweep, "-out", dir)
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		var sweep struct{ Values []sweepResult }
		readJSON(t, filepath.Join(dir, "run.json"), &sweep)
		if len(sweep.Values) != len(tt.each) {
			t.Fatalf("-sweep %s: %d values in run.json", tt.sweep, len(sweep.Values))
		}
		bests := 0
		for i, flags := range tt.each {
			d := t.TempDir()
			one := append(append(append([]string{}, base...), flags...), "-out", d)
			if code, _, errs := runAnn(one...); code != 0 {
				t.Fatalf("ann %v: %s", one, errs)
			}
			var cv struct {
				CV struct {
					Mean float64 `json:"accuracy_mean"`
					Std  float64 `json:"accuracy_std"`
				}
			}
			readJSON(t, filepath.Join(d, "run.json"), &cv)
			if v := sweep.Values[i]; v.AccuracyMean != cv.CV.Mean || v.AccuracyStd != cv.CV.Std {
				t.Errorf("-sweep %s, value %s: accuracy %v ± %v; ann %v: %v ± %v", tt.sweep, v.Value, v.AccuracyMean, v.AccuracyStd, one, cv.CV.Mean, cv.CV.Std)
			}
			if sweep.Values[i].Best {
				bests++
				for _, o := range sweep.Values {
					if o.AccuracyMean > sweep.Values[i].AccuracyMean {
						t.Errorf("-sweep %s: %s is marked best, %s scores higher", tt.sweep, sweep.Values[i].Value, o.Value)
					}
				}
				if !strings.Contains(out, "best: "+strings.Split(tt.sweep, "=")[0]+"="+sweep.Values[i].Value+",") {
					t.Errorf("-sweep %s printed\n%s\nwant the best named", tt.sweep, out)
				}
			}
		}
		if bests != 1 {
			t.Errorf("-sweep %s: %d values marked best", tt.sweep, bests)
		}
		svg, err := os.ReadFile(filepath.Join(dir, "validation-curve.svg"))
		if err != nil {
			t.Fatal(err)
		}
		checkXML(t, "validation-curve.svg", svg)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// A value that is not valid is one line and exit 2, before any training.
func TestSweepErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ sweep, want string }{
		{"lambda=0,x", "ann cv: -sweep lambda=x: not a number\n"},
		{"lambda=-1", "ann cv: -sweep lambda=-1: want a finite number >= 0\n"},
		{"alpha=0", "ann cv: -sweep alpha=0: want a finite number > 0\n"},
		{"layers=2,5,2:3,4,2", "ann cv: -sweep layers=3,4,2: the input layer has 3 units but the data has 2 features\n"},
		{"layers=2,x,2", "ann cv: -sweep layers=2,x,2: \"x\" is not a layer size: want sizes like 2,5,5,2\n"},
		{"beta=1", "ann cv: invalid value \"beta=1\" for flag -sweep: \"beta\": want lambda, alpha or layers (run 'ann cv -h' for the flags)\n"},
	} {
		code, _, errs := runAnn("cv", "-sweep", tt.sweep)
		if code != 2 || errs != tt.want {
			t.Errorf("ann cv -sweep %s: exit %d, stderr %q; want 2 and %q", tt.sweep, code, errs, tt.want)
		}
	}
}

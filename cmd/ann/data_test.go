package main

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each kind of bad CSV gives one line naming the file, the line and (where
// one field is at fault) the column, and exit status 2.
func TestBadCSV(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
	}{
		{"ragged.csv", "x1,x2,label\n1,2,0\n3,1\n", "ragged.csv:3: line 3 has 2 fields, want 3 (as line 2)"},
		{"word.csv", "1,2,0\n3,abc,1\n", `word.csv:2:2: "abc" is not a number`},
		{"nan.csv", "1,2,0\nNaN,1,1\n", "nan.csv:2:1: NaN is not allowed"},
		{"inf.csv", "1,2,0\n1,-Inf,1\n", "inf.csv:2:2:"},
		{"negative.csv", "1,2,0\n1,1,-1\n", "negative.csv:2:3:"},
		{"fraction.csv", "1,2,0\n1,1,2.5\n", "fraction.csv:2:3: label 2.5 is not an integer class"},
		{"empty.csv", "", "empty.csv: no data rows"},
		{"header.csv", "x1,x2,label\n", "header.csv: no data rows"},
		{"single.csv", "1,2,0\n3,4,0\n", "all 2 rows have label 0: need at least two classes"},
		{"gaps.csv", "1,2,0\n3,4,2\n", "labels 0 and 2 are present but 1 is missing"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"train", "cv", "data"} {
			code, out, errs := runAnn(cmd, "-data", path)
			if code != 2 || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 || out != "" {
				t.Errorf("ann %s -data %s: exit %d, stderr %q; want exit 2 and one line containing %q", cmd, tt.name, code, errs, tt.want)
			}
		}
	}
	if code, _, errs := runAnn("train", "-data", filepath.Join(dir, "missing.csv")); code != 2 || !strings.Contains(errs, "missing.csv") {
		t.Errorf("a missing file: exit %d, %q", code, errs)
	}
	if code, _, errs := runAnn("train", "-data", "spirals"); code != 2 || !strings.Contains(errs, `-data "spirals": want moons, circles, xor, spiral, or a CSV file`) {
		t.Errorf("an unknown generator: exit %d, %q", code, errs)
	}
}

// A CSV file (plain or gzipped) trains like the generated data it holds.
func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "moons.csv")
	if code, _, errs := runAnn("data", "-n", "200", "-o", csvPath); code != 0 {
		t.Fatal(errs)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	gzPath := filepath.Join(dir, "moons.csv.gz")
	f, err := os.Create(gzPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write(b)
	zw.Close()
	f.Close()
	_, want, _ := runAnn("train", "-q", "-n", "200", "-iters", "100")
	for _, path := range []string{csvPath, gzPath} {
		code, got, errs := runAnn("train", "-q", "-data", path, "-iters", "100")
		if code != 0 {
			t.Fatal(errs)
		}
		if got != want {
			t.Errorf("training on %s printed\n%s\nwant what the generated data gives\n%s", filepath.Base(path), got, want)
		}
	}
}

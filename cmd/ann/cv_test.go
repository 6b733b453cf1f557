package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCV(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errs := runAnn("cv", "-n", "103", "-k", "4", "-iters", "50", "-fold-seed", "3", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "KFold(n_splits=4, shuffle=True, random_state=3)") || !strings.Contains(out, "accuracy: mean ") {
		t.Errorf("output:\n%s", out)
	}
	if strings.Count(errs, "done: accuracy") != 4 {
		t.Errorf("progress %q, want a line per fold", errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "folds.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "fold,train_rows,test_rows,accuracy,final_cost" || len(lines) != 5 {
		t.Fatalf("folds.csv:\n%s", b)
	}
	// 103 rows in 4 folds: the first 103 % 4 = 3 folds hold one more row.
	for i, want := range []string{"1,77,26,", "2,77,26,", "3,77,26,", "4,78,25,"} {
		if !strings.HasPrefix(lines[i+1], want) {
			t.Errorf("folds.csv row %d = %q, want it to start %q", i+1, lines[i+1], want)
		}
	}
	for _, name := range []string{"cv-cost.svg", "cv-boundaries.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		checkXML(t, name, b)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"cv", "-k", "1"}, "-k 1: want from 2 to 1000 folds"},
		{[]string{"cv", "-n", "10", "-k", "11"}, "-k 11: want from 2 to 10 folds"},
		{[]string{"cv", "-fold-seed", "-2"}, "want an integer from 0 to 4294967295"},
	} {
		if code, _, errs := runAnn(tt.args...); code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("ann %v: exit %d, %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

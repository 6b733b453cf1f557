package main

import (
	"strings"
	"testing"
)

func TestPlateauLines(t *testing.T) {
	t.Parallel()
	for _, extra := range [][]string{nil, {"-one-output"}, {"-layers", "2,3,3,3,2", "-first", "100"}} {
		args := append([]string{"plateau", "-iters", "20", "-every", "10"}, extra...)
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		var labels []string
		after := false
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			f := strings.Fields(line)
			if len(f) > 0 && f[0] == "iteration" {
				after = true
				continue
			}
			if after {
				labels = append(labels, f[0])
			}
		}
		if strings.Join(labels, " ") != "1 10 20 trained" {
			t.Errorf("ann %v printed lines for %v, want 1 10 20 trained:\n%s", args, labels, out)
		}
	}
}

func TestRowChoiceAndPlateauErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"train", "-last", "2000"},
		{"train", "-last", "-1"},
		{"train", "-last", "5", "-first", "5"},
		{"train", "-last", "5", "-test-fraction", "0.5"},
		{"plateau", "-every", "0"},
		{"plateau", "-iters", "10", "-every", "11"},
		{"plateau", "-one-output", "-momentum", "0.9"},
		{"plateau", "-one-output", "-data", "spiral", "-layers", "2,5,3"},
	} {
		code, _, errs := runAnn(args...)
		if code != 2 || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("ann %v: exit %d, stderr %q; want 2 and one line", args, code, errs)
		}
	}
}

// The last K rows are the ones -last trains on.
func TestLastRows(t *testing.T) {
	t.Parallel()
	code, out, errs := runAnn("train", "-last", "300", "-iters", "2", "-q")
	if code != 0 || !strings.Contains(out, "on 300 of 1000 rows") {
		t.Fatalf("ann train -last 300: exit %d: %s%s", code, out, errs)
	}
	var sf splitFlags
	sf.last = 3
	idx, test, err := sf.rows(&dataFlags{}, 10)
	if err != nil || test != nil || len(idx) != 3 || idx[0] != 7 || idx[2] != 9 {
		t.Errorf("-last 3 of 10 rows: %v, %v, %v; want rows 7 8 9", idx, test, err)
	}
}

package main

import (
	"strings"
	"testing"
)

// An argument the library refuses is reported with the flag's name, from the
// error's fields: the *dataset.ArgError of trainer and of dataset.
func TestFlagErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "-alpha", "0"}, "ann train: -alpha 0: want a finite number > 0\n"},
		{[]string{"train", "-iters", "0"}, "ann train: -iters 0: want at least 1 iteration\n"},
		{[]string{"train", "-test-fraction", "1.5"}, "ann train: -test-fraction 1.5: want a fraction between 0 and 1\n"},
		{[]string{"train", "-n", "7", "-test-fraction", "0.99"}, "ann train: -test-fraction 0.99: want a smaller fraction: it holds out all 7 rows, leaving none to train on\n"},
		{[]string{"cv", "-n", "6", "-k", "7"}, "ann cv: -k 7: want from 2 to 6 folds (one per row at most)\n"},
		{[]string{"cv", "-k", "1"}, "ann cv: -k 1: want from 2 to 1000 folds (one per row at most)\n"},
	} {
		code, _, errs := runAnn(tt.args...)
		if code != 2 || errs != tt.want {
			t.Errorf("ann %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

// Each command's -h says what its flags do there: -first chooses the rows
// trace picks its examples from and the rows data writes (neither trains),
// and gradcheck's usage line names every flag it has.
func TestHelpTexts(t *testing.T) {
	t.Parallel()
	for cmd, want := range map[string]string{
		"trace": "take the examples from the first K rows only (0: all): -example and -m count within them (nothing is trained)",
		"data":  "write the first K rows only (0: all)",
		"train": "train on the first K rows only",
	} {
		code, out, _ := runAnn(cmd, "-h")
		if _, help, _ := strings.Cut(out, "\n  -first K\n"); code != 0 || !strings.HasPrefix(strings.TrimSpace(help), want) {
			t.Errorf("ann %s -h: exit %d; want -first described as %q, got\n%s", cmd, code, want, out)
		}
	}
	code, out, _ := runAnn("gradcheck", "-h")
	usage, flags, _ := strings.Cut(out, "\n")
	for _, line := range strings.Split(flags, "\n") {
		if name, ok := strings.CutPrefix(line, "  -"); ok {
			name = strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '\t' })[0]
			if !strings.Contains(usage, "[-"+name+" ") && !strings.Contains(usage, "[-"+name+"]") {
				t.Errorf("ann gradcheck -h: exit %d; the usage line %q does not list -%s", code, usage, name)
			}
		}
	}
}

// A network without a hidden layer is described as having none, not as
// having sigmoid hidden layers, by train, cv and gradcheck.
func TestNoHiddenLayer(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"train", "-layers", "2,2", "-iters", "2", "-n", "20"},
		{"cv", "-layers", "2,2", "-iters", "2", "-n", "20", "-k", "2"},
		{"gradcheck", "-layers", "2,2", "-m", "2"},
	} {
		code, out, errs := runAnn(args...)
		if code != 0 || !strings.Contains(out, "2,2, no hidden layer, ") || strings.Contains(out, "hidden layers") {
			t.Errorf("ann %s: exit %d, %s; want the network described as 2,2, no hidden layer\n%s", strings.Join(args, " "), code, errs, out)
		}
	}
}

package main

import "testing"

// An argument the library refuses is reported with the flag's name, from the
// error's fields: trainer.ConfigError and dataset.SplitError.
func TestFlagErrors(t *testing.T) {
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

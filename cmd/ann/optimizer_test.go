package main

import (
	"testing"
)

// An optimizer the trainer does not know, or Adam's settings given to
// another, is one line and exit 2.
func TestOptimizerFlagErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-optimizer", "sgd"}, "ann train: -optimizer sgd: want gd, momentum or adam\n"},
		{[]string{"-beta1", "0.5"}, "ann train: -beta1 0.5: only for optimizer adam\n"},
		{[]string{"-optimizer", "adam", "-momentum", "0.9"}, "ann train: -momentum 0.9: want 0 with optimizer adam (beta1 is its momentum)\n"},
		{[]string{"-optimizer", "adam", "-reference"}, "ann train: -optimizer adam: want gd: the reference loop is gradient descent only\n"},
	} {
		args := append([]string{"train", "-iters", "1"}, tt.args...)
		code, _, errs := runAnn(args...)
		if code != 2 || errs != tt.want {
			t.Errorf("ann %v: exit %d, stderr %q; want exit 2 and %q", args, code, errs, tt.want)
		}
	}
}

package main

import (
	"testing"
)

// -reference is batch gradient descent only: with -batch or -momentum it is a
// usage error, in the trainer's words.
func TestTrainReferenceRefuses(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-batch", "10"}, "ann train: -batch 10: want 0: the reference loop is batch gradient descent only\n"},
		{[]string{"-momentum", "0.9"}, "ann train: -momentum 0.9: want 0: the reference loop has no momentum\n"},
	} {
		args := append([]string{"train", "-reference", "-iters", "1"}, tt.args...)
		code, _, errs := runAnn(args...)
		if code != 2 || errs != tt.want {
			t.Errorf("ann %v: exit %d, stderr %q; want exit 2 and %q", args, code, errs, tt.want)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestTraceCommand(t *testing.T) {
	var out bytes.Buffer
	if err := runTrace(context.Background(), nil, &out, &out); err != nil {
		t.Fatalf("ann trace: %v\n%s", err, out.String())
	}
	for _, want := range []string{"example 0 of the 1000 in moons", "δ^(4) = a^(4) - y", "δ^(2) =", "D^(1) =", "matches Backprop: yes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("ann trace printed\n%s\nwant it to contain %q", out.String(), want)
		}
	}

	for _, args := range [][]string{{"-example", "1000"}, {"-example", "-1"}, {"-first", "10", "-example", "10"}} {
		err := runTrace(context.Background(), args, &out, &out)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("ann trace %v: error %v, want a usage error", args, err)
			continue
		}
		want := "0..999"
		if args[0] == "-first" {
			want = "0..9"
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("ann trace %v: error %q, want it to name the range %s", args, err, want)
		}
	}
}

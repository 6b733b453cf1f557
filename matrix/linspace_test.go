package matrix

import (
	"math"
	"strings"
	"testing"
)

func TestLinspace(t *testing.T) {
	got := Linspace(0, 1, 5, true)
	for i, w := range []float64{0, 0.25, 0.5, 0.75, 1} {
		if got[i] != w {
			t.Errorf("Linspace(0, 1, 5, true) = %v", got)
		}
	}
	if got := Linspace(0, math.Pi, 1, true); len(got) != 1 || got[0] != 0 {
		t.Errorf("Linspace(0, π, 1, true) = %v, want [0]", got)
	}
	if got := Linspace(0, math.Pi, 0, true); len(got) != 0 {
		t.Errorf("Linspace(0, π, 0, true) = %v, want []", got)
	}
	// The last value is stop exactly, though i*step + start may miss it.
	if got := Linspace(-2.1, 3.3, 1000, true); got[999] != 3.3 || got[0] != -2.1 {
		t.Errorf("Linspace(-2.1, 3.3, 1000, true) runs from %v to %v, want -2.1 to 3.3", got[0], got[999])
	}
}

func TestLinspaceOpen(t *testing.T) {
	got := Linspace(0, 1, 4, false)
	for i, w := range []float64{0, 0.25, 0.5, 0.75} {
		if got[i] != w {
			t.Fatalf("Linspace(0, 1, 4, false) = %v, want [0 0.25 0.5 0.75]", got)
		}
	}
	if got := Linspace(0, 2*math.Pi, 1, false); len(got) != 1 || got[0] != 0 {
		t.Errorf("Linspace(0, 2π, 1, false) = %v, want [0]", got)
	}
	if got := Linspace(0, 2*math.Pi, 0, false); len(got) != 0 {
		t.Errorf("Linspace(0, 2π, 0, false) = %v, want []", got)
	}
}

func TestLinspaceNegativeCount(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		if !strings.HasPrefix(msg, "matrix: Linspace") {
			t.Errorf("Linspace(0, 1, -1, true) panicked with %q, want a matrix: Linspace message", msg)
		}
	}()
	Linspace(0, 1, -1, true)
}

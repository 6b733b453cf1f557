package layer

import (
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/matrix"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

// Init reproduces the tutorial's initial weights bit for bit: it is only
// numpy's rand, a subtraction and a product.
func TestInitMatchesNumpy(t *testing.T) {
	for _, name := range []string{"take1", "regularized"} {
		r, err := reference.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		got := Init(r.Config.Layers, r.Config.Seed)
		want := r.InitTheta()
		if len(got) != len(want) || got[0] != nil {
			t.Fatalf("%s: Init gives %d matrices (Theta[0] %v), want %d with Theta[0] nil", name, len(got), got[0], len(want))
		}
		for l := 1; l < len(want); l++ {
			if !matrix.SameShape(got[l], want[l]) {
				t.Fatalf("%s: Theta%d is %dx%d, want %dx%d", name, l, got[l].Rows, got[l].Cols, want[l].Rows, want[l].Cols)
			}
			for i, v := range want[l].Data {
				if got[l].Data[i] != v {
					t.Errorf("%s: Theta%d element %d = %v, want %v", name, l, i, got[l].Data[i], v)
					break
				}
			}
		}
	}
}

func TestInitText(t *testing.T) {
	sizes := []int{2, 5, 5, 2}
	code, text := Init(sizes, 3), InitText(sizes, 3)
	for l := 1; l < len(sizes); l++ {
		epsCode, eps := Epsilon(sizes[l-1], sizes[l]), EpsilonText(sizes[l-1], sizes[l])
		for i, v := range text[l].Data {
			// Both come from the same uniform draw u: code (u - 0.5) ε_code,
			// text (2u - 1) ε_text.
			u := code[l].Data[i]/epsCode + 0.5
			if want := (2*u - 1) * eps; !(math.Abs(v-want) <= 1e-15) {
				t.Errorf("Theta%d element %d: text %v, want %v from the code's draw", l, i, v, want)
			}
			if v < -eps || v >= eps {
				t.Errorf("Theta%d element %d = %v outside [-%v, %v)", l, i, v, eps, eps)
			}
		}
	}
}

func TestEpsilon(t *testing.T) {
	// The tutorial's Theta1, 5 x 3: the code's √6/√(5 + 2 + 1), the text's
	// √6/√(5 + 2).
	if got, want := Epsilon(2, 5), math.Sqrt(6)/math.Sqrt(8); got != want {
		t.Errorf("Epsilon(2, 5) = %v, want %v", got, want)
	}
	if got, want := EpsilonText(2, 5), math.Sqrt(6)/math.Sqrt(7); got != want {
		t.Errorf("EpsilonText(2, 5) = %v, want %v", got, want)
	}
}

func TestSizes(t *testing.T) {
	got, err := Sizes(Init(Tutorial, 0))
	if err != nil || len(got) != 4 || got[0] != 2 || got[1] != 5 || got[2] != 5 || got[3] != 2 {
		t.Errorf("Sizes(Init(Tutorial)) = %v, %v", got, err)
	}
	tests := []struct {
		Theta []*matrix.Dense
		want  string
	}{
		{[]*matrix.Dense{nil}, "want Theta[1..L-1]"},
		{[]*matrix.Dense{matrix.New(1, 2), matrix.New(1, 2)}, "Theta[0] nil"},
		{[]*matrix.Dense{nil, nil}, "Theta1 is missing"},
		{[]*matrix.Dense{nil, matrix.New(3, 1)}, "Theta1 is 3x1"},
		{[]*matrix.Dense{nil, matrix.New(5, 3), matrix.New(2, 5)}, "Theta2 is 2x5 but Theta1 has 5 rows: want 6 columns"},
	}
	for _, tt := range tests {
		if _, err := Sizes(tt.Theta); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Sizes: error %v, want %q", err, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := Check([]int{2, 5, 5, 2}); err != nil {
		t.Error(err)
	}
	for _, tt := range []struct {
		sizes []int
		want  string
	}{
		{[]int{2}, "at least 2 layers"},
		{[]int{2, 0, 2}, "layer 2 has 0 units"},
		{[]int{1 << 62, 2}, "more than matrix.MaxElements"}, // 2 (2^62 + 1) overflows
		{[]int{2, 1 << 62}, "more than matrix.MaxElements"},
		{[]int{2, 20000000, 20000000, 2}, "from Theta2"},
		{[]int{1 << 14, 1 << 14, 2}, "from Theta1"},
	} {
		if err := Check(tt.sizes); err == nil || !strings.HasPrefix(err.Error(), "layer: ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%v) = %v, want layer: ...%q", tt.sizes, err, tt.want)
		}
		func() {
			defer func() {
				if msg, _ := recover().(string); !strings.HasPrefix(msg, "layer: ") || strings.HasPrefix(msg, "layer: layer: ") {
					t.Errorf("Init(%v) panic %q, want \"layer: ...\"", tt.sizes, msg)
				}
			}()
			Init(tt.sizes, 0)
		}()
	}
}

// The largest networks Check allows are counted without allocating.
func TestCheckLarge(t *testing.T) {
	if err := Check([]int{1, 1 << 26, 1}); err != nil { // 3 x 2^26 + 1 weights
		t.Errorf("Check of 3 x 2^26 + 1 weights: %v", err)
	}
}

func TestEpsilonOfNoUnits(t *testing.T) {
	for _, f := range []func(int, int) float64{Epsilon, EpsilonText} {
		func() {
			defer func() {
				if s, _ := recover().(string); !strings.HasPrefix(s, "layer: ") {
					t.Errorf("epsilon of 0 units: panic %q, want a layer: message", s)
				}
			}()
			f(0, 0)
		}()
	}
}

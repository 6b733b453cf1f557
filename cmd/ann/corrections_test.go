package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
)

// The numbers of the sentences issue 20's review corrected, each computed
// here, so that the sentences stay true.

// docHas fails unless docs/name contains s once its line breaks and
// indentation are read as single spaces.
func docHas(t *testing.T, name, s string) {
	t.Helper()
	flat := strings.Join(strings.Fields(readDoc(t, name)), " ")
	if !strings.Contains(flat, s) {
		t.Errorf("docs/%s does not say %q", name, s)
	}
}

// The logistic-regression optimum, reached by the 2-2 network, and the
// rounded numbers the prose of experiments.md takes from its table.
func TestExperimentsProseNumbers(t *testing.T) {
	parallelUnlessUpdate(t)
	checkDoc(t, "experiments.md", []docRun{
		{args: []string{"train", "-layers", "2,2", "-iters", "20000", "-alpha", "5"}},
	})
	doc := readDoc(t, "experiments.md")
	for _, c := range []struct{ command, cost, prose string }{
		{"`ann train -alpha 2` | 1000 | ", "0.484889", "ends at 0.4849, still on the plateau"},
		{"`ann train -alpha 2` | 1000 | ", "0.484889", "(0.4849, still on the plateau)"},
		{"`ann train` | 1000 | ", "0.519481", "ends at 0.5195 and 0.875"},
		{"`ann train -layers 2,2` | 1000 | ", "0.502326", "within 0.0002 of it (0.502326)"},
	} {
		if golden.Exact && !strings.Contains(doc, c.command+c.cost+" |") {
			t.Errorf("docs/experiments.md's table lacks the row %q with cost %s", c.command, c.cost)
		}
		docHas(t, "experiments.md", c.prose)
	}
	docHas(t, "experiments.md", "optimum of 0.5022, not at it")
	docHas(t, "experiments.md", "log-loss 0.251095 per output, 0.502190 for two outputs")
}

// errata.md's saturated example: network.Cost returns 0 where the exact cost
// is 2 log(1 + e^-40).
func TestErrataSaturatedCost(t *testing.T) {
	t.Parallel()
	theta := matrix.FromRows([][]float64{{0, 40}, {0, -40}})
	n := network.New([]*matrix.Dense{nil, theta})
	X := matrix.FromRows([][]float64{{1}, {-1}})
	if J := network.Cost(n, X, []int{0, 1}, 0); J != 0 {
		t.Errorf("network.Cost of errata.md's saturated example is %g; the document says 0", J)
	}
	exact := 2 * math.Log1p(math.Exp(-40))
	docHas(t, "errata.md", fmt.Sprintf("the exact cost is 2 log(1 + e^−40) = %.1e", exact))
	docHas(t, "errata.md", "`network.Cost` returns 0")
}

// The code's initial range is about 2.1 times narrower than the text's.
func TestInitRangeRatio(t *testing.T) {
	t.Parallel()
	ratio := func(sIn, sOut int) float64 {
		// the code draws from [-ε/2, ε/2), the text from [-ε_text, ε_text)
		return 2 * layer.EpsilonText(sIn, sOut) / layer.Epsilon(sIn, sOut)
	}
	first, middle, last := ratio(2, 5), ratio(5, 5), ratio(5, 2)
	docHas(t, "errata.md", fmt.Sprintf("about %.1f times narrower still (%.2f for Take 1's first and last layers, %.2f for its middle one)",
		(first+middle+last)/3, first, middle))
	if fmt.Sprintf("%.2f", first) != fmt.Sprintf("%.2f", last) {
		t.Errorf("the first and last layers' ratios differ: %.3f, %.3f", first, last)
	}
	docHas(t, "experiments.md", fmt.Sprintf("a range about %.1f times wider", (first+middle+last)/3))
}

var relDiff = regexp.MustCompile(`Theta(\d) \(\d+x\d+\): relative difference (\S+)`)

// The gradient check's formula and numbers in tutorial.md and backprop.md.
func TestGradcheckDocs(t *testing.T) {
	parallelUnlessUpdate(t)
	checkExcerpts(t, "tutorial.md", []docExcerpt{
		{args: []string{"gradcheck", "-layers", "2,5,5,2"}, from: "checking network.Backprop, the tutorial's backpropagation", exact: true},
	})
	for _, name := range []string{"tutorial.md", "backprop.md"} {
		docHas(t, name, "‖D_numerical − D_backprop‖ / (‖D_numerical‖ + ‖D_backprop‖)")
	}
	docHas(t, "tutorial.md", "(8 (J(+h) − J(−h)) − (J(+2h) − J(−2h))) / 12h")
	docHas(t, "backprop.md", "(8 (J(Θ + h) − J(Θ − h)) − (J(Θ + 2h) − J(Θ − 2h))) / 12h")
	if network.GradCheckStep != 1e-4 {
		t.Errorf("network.GradCheckStep is %g; the documents say h = 1e-4", network.GradCheckStep)
	}
	if !golden.Exact {
		return
	}
	code, out, errs := runAnn("gradcheck", "-layers", "2,5,5,2")
	if code != 0 {
		t.Fatalf("ann gradcheck: exit %d: %s", code, errs)
	}
	m := relDiff.FindAllStringSubmatch(out, -1)
	if len(m) != 3 {
		t.Fatalf("ann gradcheck printed\n%s\nwant three relative differences", out)
	}
	docHas(t, "backprop.md", fmt.Sprintf("%s, %s and %s for Θ^(1), Θ^(2) and Θ^(3)", m[0][2], m[1][2], m[2][2]))
}

// Take 1's first hidden layer: five lines whose tilts lie within 11° of one
// another, two units stepping up toward one side and three toward the other.
func TestTake1UnitsTilt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-out", dir); code != 0 {
		t.Fatalf("ann train: %s", errs)
	}
	m, err := model.ReadFile(filepath.Join(dir, "model.npz"))
	if err != nil {
		t.Fatal(err)
	}
	th := m.Net.Theta[1]
	w := func(j int) (float64, float64) { return th.At(j, 1), th.At(j, 2) }
	r1, r2 := w(0)
	lo, hi := math.Inf(1), math.Inf(-1)
	var same []int
	for j := 0; j < th.Rows; j++ {
		w1, w2 := w(j)
		// the line's tilt, folded to within 90° of unit 1's
		a := math.Atan2(w2, w1) - math.Atan2(r2, r1)
		for a > math.Pi/2 {
			a -= math.Pi
		}
		for a < -math.Pi/2 {
			a += math.Pi
		}
		lo, hi = math.Min(lo, a), math.Max(hi, a)
		if w1*r1+w2*r2 > 0 {
			same = append(same, j+1)
		}
	}
	spread := (hi - lo) * 180 / math.Pi
	t.Logf("tilts within %.2f°; units facing as unit 1: %v", spread, same)
	if math.Ceil(spread) != 11 {
		t.Errorf("Take 1's first-layer lines lie within %.2f° of one another; tutorial.md says within 11°", spread)
	}
	if fmt.Sprint(same) != "[1 2]" {
		t.Errorf("units %v face as unit 1 does; tutorial.md says units 1 and 2", same)
	}
	docHas(t, "tutorial.md", "the five lines' tilts within 11° of one another (units 1 and 2 step up toward one side, units 3 to 5 toward the other")
}

// performance.md: the boundary figure's regions are vector shapes, small.
func TestBoundaryFigureSize(t *testing.T) {
	t.Parallel()
	fi, err := os.Stat(filepath.Join("..", "..", "docs", "figures", "take1-boundary.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() >= 50000 {
		t.Errorf("take1-boundary.svg is %d bytes; performance.md says under 50 KB", fi.Size())
	}
	docHas(t, "performance.md", "take1-boundary.svg is under 50 KB")
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/fast"
)

// The work budget and gradcheck's λ check, in-process: each refusal is one
// line, exit 2, naming a size that fits. (Under an address-space limit,
// with a 100-million-weight model: TestBoundedCommands, -tags long.)
func TestWorkBudget(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"gradcheck", "-layers", "2,100000,2"}, "the check of 500002 weights on 10 examples would take about 1e+13 multiply-adds (4 m W²), more than ann's budget of 1e+09: -layers 2,999,2 fits (hidden layer 2 at most 999 units)"},
		{[]string{"gradcheck", "-m", "1000000"}, "-m 76946 fits"},
		{[]string{"gradcheck", "-layers", "2,300,300,2", "-m", "200"}, "a network of at most 1118 weights fits"},
		{[]string{"gradcheck", "-lambda", "1e300"}, "-lambda 1e+300: the regularization term's gradient would be"},
		{[]string{"gradcheck", "-lambda", "1.7e308", "-m", "1"}, "the cost J at these weights is +Inf"},
		{[]string{"trace", "-layers", "2,1000000,2"}, "the trace's numerical gradient of 5000002 weights on 1 example would take"},
		{[]string{"trace", "-layers", "2,1000,2", "-m", "50"}, "-layers 2,446,2 fits"},
	} {
		code, out, errs := runAnn(tt.args...)
		oneLine(t, tt.args, code, errs, 2, tt.want)
		if out != "" {
			t.Errorf("ann %v printed %d bytes, want none", tt.args, len(out))
		}
	}
	// λ as large as the data term allows still checks.
	if code, _, errs := runAnn("gradcheck", "-lambda", "1000"); code != 0 {
		t.Errorf("ann gradcheck -lambda 1000: exit %d, stderr %q; want a passing check", code, errs)
	}
}

// docs/reliability.md shows what the refusals print now, each line under
// its command in a fenced block.
func TestWorkDoc(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "reliability.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, args := range [][]string{
		{"gradcheck", "-layers", "2,100000,2"},
		{"trace", "-layers", "2,1000000,2"},
		{"gradcheck", "-lambda", "1e300"},
	} {
		code, _, errs := runAnn(args...)
		block := "$ ann " + strings.Join(args, " ") + "\n" + errs
		if code != 2 || !strings.Contains(doc, block) {
			t.Errorf("docs/reliability.md lacks, in a fenced block, what this prints now (exit %d):\n%s", code, block)
		}
	}
}

// The memory budget counts network/fast's workspaces: an estimate is never
// below what the engine itself allocates, so a run the budget admits does
// not end in a Go out-of-memory error under a 4 GB address space. (-n 8192
// -layers 2,3000,3000,2 was estimated at 1.6 GB, under the budget, and its
// 34 copies of the 9 million weights, one per group of rows, then ended the
// process with "fatal error: out of memory" under prlimit --as=4000000000.)
func TestMemoryCountsTheEngine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		sizes []int
		rows  int
		early bool
	}{
		{[]int{2, 3000, 3000, 2}, 8192, false},
		{[]int{2, 3000, 3000, 2}, 100000, true},
		{[]int{64, 25, 10}, 1797, false},
		{[]int{2, 5, 5, 2}, 1000, false},
		{[]int{2, 100000, 2}, 10000, false},
	} {
		ds := &dataSet{X: matrix.New(c.rows, c.sizes[0]), y: make([]int, c.rows), K: c.sizes[len(c.sizes)-1]}
		nf := &netFlags{sizes: c.sizes, iters: 1, early: c.early}
		workspaces := 2.0
		if c.early {
			workspaces = 3
		}
		engine := workspaces * fast.WorkspaceBytes(c.sizes, c.rows)
		if need := trainMemory(ds, nf, false); need.bytes < engine {
			t.Errorf("-layers %v on %d rows: the estimate is %.3g bytes, below the %.3g network/fast's workspaces take", c.sizes, c.rows, need.bytes, engine)
		}
	}
	args := []string{"train", "-n", "8192", "-layers", "2,3000,3000,2", "-iters", "1"}
	code, out, errs := runAnn(args...)
	oneLine(t, args, code, errs, 2, "more than ann's budget of 2 GiB: reduce the rows (8192) or the layer sizes (-layers 2,3000,3000,2)")
	if out != "" {
		t.Errorf("ann %v printed %d bytes, want none", args, len(out))
	}
}

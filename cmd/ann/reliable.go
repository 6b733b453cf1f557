package main

// What ann promises about divergence, memory, figures and output files
// (docs/reliability.md): the checks the commands make before training, and
// the words for what training reports.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
)

// diverged is trainer's one divergence message in the flags' words, for the
// run's settings c.
func diverged(de trainer.DivergenceError, c trainer.Config) error {
	de.Iters, de.Alpha, de.Lambda = c.Iters, c.Alpha, c.Lambda
	return errors.New(de.Message(trainer.Words{Alpha: "-alpha", Lambda: "-lambda", Standardize: "-standardize"}))
}

// costRiseWarning prints a warning when a run ends with a higher cost than it
// started with: it did not diverge, but alpha is likely too large.
func costRiseWarning(w io.Writer, costs []float64, final, alpha float64) {
	if len(costs) > 0 && final > costs[0] {
		fmt.Fprintf(w, "warning: the cost rose from %.6f to %.6f during training; try a smaller -alpha than %v\n", costs[0], final, alpha)
	}
}

// scaleRatio is the ratio of the largest to the smallest feature standard
// deviation above which scaleHint suggests -standardize.
const scaleRatio = 100

// plotLimit bounds the feature values a decision boundary figure can span:
// beyond it the grid's range, widened by 1 on each side, and the figure's
// arithmetic on it overflow.
const plotLimit = 1e300

// checkPlotRange returns an error unless the first two features of X can be
// drawn as a decision boundary figure.
func checkPlotRange(X *matrix.Dense) error {
	for j := 0; j < 2; j++ {
		c := svgplot.Column(X, j)
		lo, hi := slices.Min(c), slices.Max(c)
		if !(math.Abs(lo) <= plotLimit && math.Abs(hi) <= plotLimit) {
			return fmt.Errorf("cannot draw the decision boundary: feature %d spans %g to %g, beyond ±%g (scale the data, or drop -out)", j+1, lo, hi, plotLimit)
		}
	}
	return nil
}

// memoryBudget is the most memory a command may plan to use: the whole
// process's peak, network/fast's workspaces included (engineMemory). A run
// whose estimate is above it is refused before it starts, with one line.
// It is at most fast.MaxWorkspaceBytes (4 GiB), the library's own bound on
// one workspace, so that no run the budget admits reaches the library's
// panic; and it is half of the 4 GB address space the tests allow
// (prlimit --as=4000000000), since Go's collector lets the heap grow to
// about twice the live data before it collects (GOGC=100).
const memoryBudget = 2 << 30

// A compile-time check: the conversion is an error if memoryBudget were
// larger than fast.MaxWorkspaceBytes.
const _ = uint64(fast.MaxWorkspaceBytes - memoryBudget)

// engineMemory is what network/fast allocates to train the network nf on
// rows examples: a workspace for the training rows, one for the held-out
// rows, and with early stopping one for the validation rows, each at most
// what fast.WorkspaceBytes gives for all rows (its copies of the weights,
// one per group of examples, grow with the rows up to 34).
func engineMemory(nf *netFlags, rows int) float64 {
	workspaces := 2.0
	if nf.early {
		workspaces = 3
	}
	return workspaces * fast.WorkspaceBytes(nf.sizes, rows)
}

// memoryNeed is an estimate of a run's peak memory, in bytes, and what
// dominates it, for the message.
type memoryNeed struct {
	bytes float64
	what  string
}

// checkMemory refuses a run whose estimate is above memoryBudget.
func checkMemory(need memoryNeed) error {
	if need.bytes <= memoryBudget {
		return nil
	}
	return usagef("this run would need about %.1f GiB of memory, more than ann's budget of %d GiB: %s",
		need.bytes/(1<<30), memoryBudget>>30, need.what)
}

// workBudget is the most arithmetic, in multiply-adds, a command that cannot
// show progress may plan to do (ann gradcheck, ann trace): a few seconds on
// one core. A check whose estimate is above it is refused before it starts.
const workBudget = 1e9

// gradCheckWork is the multiply-adds of a numerical gradient check of m
// examples through a network of the given sizes: for each of its W weights,
// four costs (network.CheckGradients' five-point differences), each a
// forward pass of m x W multiply-adds.
func gradCheckWork(sizes []int, m int) float64 {
	W := float64(weightCount(sizes))
	return 4 * float64(m) * W * W
}

// layersText writes layer sizes as -layers takes them: 2,5,5,2.
func layersText(sizes []int) string {
	parts := make([]string, len(sizes))
	for i, v := range sizes {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

// weightCount is the number of weights of a network of the given sizes.
func weightCount(sizes []int) int {
	W := 0
	for l := 1; l < len(sizes); l++ {
		W += sizes[l] * (sizes[l-1] + 1)
	}
	return W
}

// checkWork refuses a numerical gradient check (what, e.g. "the check")
// through sizes on m examples whose work is above workBudget, and names a
// size that fits: if layers, the widest hidden layer at its largest width
// that fits (-layers sets the sizes), or else -m at most what fits; mFlag is
// the flag that sets m, empty if it cannot be changed.
func checkWork(what string, sizes []int, layers bool, m int, mFlag string) error {
	work := gradCheckWork(sizes, m)
	if work <= workBudget {
		return nil
	}
	fits := ""
	widest := 0
	for l := 1; l+1 < len(sizes); l++ {
		if sizes[l] > sizes[widest] || widest == 0 {
			widest = l
		}
	}
	if layers && widest > 0 {
		s := slices.Clone(sizes)
		lo, hi := 0, sizes[widest] // the largest width that fits is in [lo, hi)
		for lo+1 < hi {
			mid := lo + (hi-lo)/2
			s[widest] = mid
			if gradCheckWork(s, m) <= workBudget {
				lo = mid
			} else {
				hi = mid
			}
		}
		if lo >= 1 {
			s[widest] = lo
			fits = fmt.Sprintf("-layers %s fits (hidden layer %d at most %d units)", layersText(s), widest+1, lo)
		}
	}
	if fits == "" && mFlag != "" {
		if mMax := int(workBudget / gradCheckWork(sizes, 1)); mMax >= 1 {
			fits = fmt.Sprintf("-%s %d fits", mFlag, mMax)
		}
	}
	if fits == "" {
		fits = fmt.Sprintf("a network of at most %d weights fits", int(math.Sqrt(workBudget/4/float64(m))))
	}
	examples := "examples"
	if m == 1 {
		examples = "example"
	}
	return usagef("%s of %d weights on %d %s would take about %.2g multiply-adds (4 m W²), more than ann's budget of %.0e: %s",
		what, weightCount(sizes), m, examples, work, workBudget, fits)
}

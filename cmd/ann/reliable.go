package main

// What ann promises about divergence, memory, figures and output files
// (docs/reliability.md): the checks the commands make before training, and
// the words for what training reports.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
)

// trainError turns an error of trainer.Train into the command line's words:
// a stop by a signal becomes an interruptedError naming the iteration, a
// *trainer.DivergenceError (a training, held-out or final cost, or a weight,
// that is not finite) the one line of diverged, read from its fields.
func trainError(err error, res *trainer.Result, c trainer.Config) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		done := 0
		if res != nil {
			done = len(res.Costs)
		}
		return &interruptedError{iter: done + 1, iters: c.Iters}
	}
	var ce *trainer.ConfigError
	if errors.As(err, &ce) { // found only with the data, as early stopping's split
		return flagError(err)
	}
	var de *trainer.DivergenceError
	if !errors.As(err, &de) {
		return err
	}
	set := "the cost"
	if de.HeldOut {
		set = "the held-out cost"
	}
	iter, what := de.Iter, fmt.Sprintf("%s is %v", set, de.Cost)
	switch {
	case de.Layer != 0:
		what = fmt.Sprintf("its update made Theta%d infinite or NaN", de.Layer)
	case de.Final:
		iter, what = c.Iters, fmt.Sprintf("the cost after its update is %v", de.Cost)
	}
	return diverged(iter, de.BeforeAnyUpdate(), c, what)
}

// diverged is the one message for a run whose cost became NaN or infinite
// at iteration iter (1-based: the cost before update iter, or after the last
// update). Before any update the weights are the initial ones, so the cause
// is the data; after, the learning rate.
func diverged(iter int, beforeAnyUpdate bool, c trainer.Config, what string) error {
	if beforeAnyUpdate {
		return fmt.Errorf("training diverged at iteration 1, before any update: %s; the data's values or their scale are the likely cause (try -standardize)", what)
	}
	advice := fmt.Sprintf("try a smaller -alpha than %v", c.Alpha)
	if c.Lambda > 0 {
		advice += fmt.Sprintf(" or a smaller -lambda than %v", c.Lambda)
	}
	return fmt.Errorf("training diverged at iteration %d of %d: %s; %s", iter, c.Iters, what, advice)
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

// scaleHint prints one line suggesting -standardize when the features' scales
// differ by more than scaleRatio and the flag is not given.
func scaleHint(w io.Writer, ds *dataSet, nf *netFlags) {
	if nf.standardize || ds.X.Rows < 2 {
		return
	}
	// StandardScaler's deviations, which are 1 for a constant column: such
	// columns are left out.
	lo, hi := math.Inf(1), 0.0
	for j, sd := range model.FitScaler(ds.X).Std {
		if c := svgplot.Column(ds.X, j); slices.Min(c) < slices.Max(c) {
			lo, hi = min(lo, sd), max(hi, sd)
		}
	}
	if hi > scaleRatio*lo {
		fmt.Fprintf(w, "hint: the features' standard deviations range from %.3g to %.3g; -standardize puts them on one scale\n", lo, hi)
	}
}

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

// memoryBudget is the most memory a command may plan to use. A run whose
// estimate is above it is refused before it starts.
const memoryBudget = 2 << 30

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
			fits = fmt.Sprintf("-layers %v fits (hidden layer %d at most %d units)", (*sizesFlag)(&s), widest+1, lo)
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

// trainMemory estimates the peak memory of training the network nf on all
// of ds (a held-out set costs the same per row) and, with figures, drawing
// them. The terms, each an upper bound (docs/reliability.md has the runs
// that set them):
//
//	activations    8 bytes x rows x the units of all layers
//	weights        16 copies of the weights (gradients, workers, momentum)
//	data           4 copies of X
//	costs          32 bytes per iteration (two series, grown by append)
//	cost figure    64 bytes per iteration and series
//	boundary grid  10^6 points x K x 16 bytes, and 45 kB per unit of the
//	               widest layer
func trainMemory(ds *dataSet, nf *netFlags, figures bool) memoryNeed {
	m := float64(ds.X.Rows)
	units, widest, weights := 0.0, 0, 0.0
	for l, s := range nf.sizes {
		units += float64(s)
		widest = max(widest, s)
		if l > 0 {
			weights += float64(s) * float64(nf.sizes[l-1]+1)
		}
	}
	act := 8 * m * units
	total := act + 16*8*weights + 4*8*m*float64(ds.X.Cols) + 32*float64(nf.iters)
	what := fmt.Sprintf("reduce the rows (%d) or the layer sizes (-layers %v)", ds.X.Rows, &nf.sizes)
	if figures {
		total += 64 * 2 * float64(nf.iters)
		if ds.X.Cols == 2 {
			grid := 1e6*16*float64(nf.sizes[len(nf.sizes)-1]) + 45e3*float64(widest)
			total += grid
			if grid > act {
				what = fmt.Sprintf("the decision boundary figure of a %d-unit layer needs most of it: reduce -layers %v, or drop -out", widest, &nf.sizes)
			}
		}
	}
	if 32*float64(nf.iters) > act {
		what = fmt.Sprintf("reduce -iters %d", nf.iters)
	}
	return memoryNeed{total, what}
}

// writeSet writes files into the -out directory as a set (safefile.WriteSet)
// and lists them on stderr in one line, unless -q. With no -out it does
// nothing.
func (o *outFlags) writeSet(ctx context.Context, files []safefile.File, stderr io.Writer) error {
	if o.dir == "" {
		return nil
	}
	if err := safefile.WriteSet(ctx, o.dir, files); err != nil {
		if errors.Is(err, context.Canceled) {
			return &interruptedError{}
		}
		return err
	}
	if !o.quiet {
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = f.Name
		}
		fmt.Fprintf(stderr, "wrote %s: %s\n", o.dir, strings.Join(names, ", "))
	}
	return nil
}

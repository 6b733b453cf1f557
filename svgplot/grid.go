package svgplot

import (
	"fmt"
	"io"

	"github.com/ann-go/ann/matrix"
)

// DefaultSteps is the number of grid points along each axis of
// DecisionBoundary's grid, the tutorial's steps = 1000 (cell 7).
const DefaultSteps = 1000

// MaxSteps bounds BoundaryGrid's steps: 4096 x 4096 points, 16.8 million,
// already far finer than any figure can show.
const MaxSteps = 4096

// ScoreFunc returns a classifier's scores at the points of the grid xs × ys:
// a len(xs)*len(ys) x K matrix whose row j*len(xs)+i holds the K class
// scores of the point (xs[i], ys[j]), x fastest, the order of the tutorial's
// np.c_[xx.ravel(), yy.ravel()]. A classifier that cannot score the grid
// returns an error, which the figure returns. The GridProbabilities method
// of package network/model's Model is a ScoreFunc.
type ScoreFunc func(xs, ys []float64) (*matrix.Dense, error)

// BoundaryGrid evaluates scores on the grid of the tutorial's
// plot_decision_boundary (cell 7): steps x steps points over the range of
// the data X (m x 2, one example per row) widened by 1 on each side,
//
//	xmin, xmax = min(X[:,0]) - 1, max(X[:,0]) + 1     (the same for X[:,1])
//	xs = linspace(xmin, xmax, steps), ys = linspace(ymin, ymax, steps)
//
// and returns the scores as a Grid. steps <= 0 means DefaultSteps.
//
// It returns an error if X has no rows or not 2 columns, holds a NaN or an
// infinite value, or spans a range too wide to compute (max - min + 2
// overflows) or too narrow to draw (the widened range has no width in
// float64, as for values near 1e17 and beyond that are all equal), or if scores
// returns an error or a score that is NaN or infinite. It panics if steps is
// 1 or more than MaxSteps, or scores returns a matrix of the wrong number of
// rows.
func BoundaryGrid(X *matrix.Dense, scores ScoreFunc, steps int) (Grid, error) {
	if steps <= 0 {
		steps = DefaultSteps
	}
	if steps < 2 || steps > MaxSteps {
		panic(fmt.Sprintf("svgplot: BoundaryGrid: %d steps, want 2 to MaxSteps = %d", steps, MaxSteps))
	}
	if err := checkX(X); err != nil {
		return Grid{}, err
	}
	g := Grid{Nx: steps, Ny: steps}
	g.XMin, g.XMax = columnSpan(X, 0)
	g.YMin, g.YMax = columnSpan(X, 1)
	g.XMin, g.XMax, g.YMin, g.YMax = g.XMin-1, g.XMax+1, g.YMin-1, g.YMax+1
	if err := rangeError("x", g.XMin, g.XMax); err != nil {
		return Grid{}, err
	}
	if err := rangeError("y", g.YMin, g.YMax); err != nil {
		return Grid{}, err
	}
	xs := matrix.Linspace(g.XMin, g.XMax, steps, true)
	ys := matrix.Linspace(g.YMin, g.YMax, steps, true)
	P, err := scores(xs, ys)
	if err != nil {
		return Grid{}, err
	}
	if P.Rows != steps*steps || P.Cols < 1 {
		panic(fmt.Sprintf("svgplot: BoundaryGrid: scores gave %dx%d, want %d rows and at least 1 column", P.Rows, P.Cols, steps*steps))
	}
	for q, v := range P.Data {
		if bad := badNumber(v); bad != "" {
			i, j := q/P.Cols%steps, q/P.Cols/steps
			return Grid{}, fmt.Errorf("svgplot: the score of class %d at (%g, %g) is %s", q%P.Cols, xs[i], ys[j], bad)
		}
	}
	g.K, g.P = P.Cols, P.Data
	return g, nil
}

// DecisionBoundary draws the tutorial's plot_decision_boundary (cell 7):
// the decision regions of the classifier whose scores the callback gives,
// evaluated on BoundaryGrid(X, scores, DefaultSteps), and the data X (m x 2)
// on top, each row a dot in the color of its true label labels[i]. Rows
// marked in opt.Held are drawn hollow. It draws as Boundary does.
//
// It returns the errors of BoundaryGrid, an error if len(labels) is not the
// number of rows of X or a label is negative, and the first error writing
// to w; it writes nothing unless the input is good.
func DecisionBoundary(w io.Writer, X *matrix.Dense, labels []int, scores ScoreFunc, opt Options) error {
	if err := checkX(X); err != nil {
		return err
	}
	if len(labels) != X.Rows {
		return fmt.Errorf("svgplot: %d labels for %d rows of data", len(labels), X.Rows)
	}
	g, err := BoundaryGrid(X, scores, DefaultSteps)
	if err != nil {
		return err
	}
	return Boundary(w, g, Column(X, 0), Column(X, 1), labels, opt)
}

// Column returns a copy of column j of X.
func Column(X *matrix.Dense, j int) []float64 {
	c := make([]float64, X.Rows)
	for i := range c {
		c[i] = X.At(i, j)
	}
	return c
}

// checkX returns an error unless X is data a decision boundary can be drawn
// for: at least one row, 2 columns, and every value finite.
func checkX(X *matrix.Dense) error {
	if X == nil || X.Rows == 0 {
		return fmt.Errorf("svgplot: no data")
	}
	if X.Cols != 2 {
		return fmt.Errorf("svgplot: a decision boundary needs 2 features, the data has %d", X.Cols)
	}
	for q, v := range X.Data {
		if bad := badNumber(v); bad != "" {
			return fmt.Errorf("svgplot: X[%d,%d] is %s", q/2, q%2, bad)
		}
	}
	return nil
}

// columnSpan returns the smallest and largest value of column j of X,
// which has at least one row.
func columnSpan(X *matrix.Dense, j int) (lo, hi float64) {
	lo, hi = X.At(0, j), X.At(0, j)
	for i := range X.Rows {
		v := X.At(i, j)
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// rangeError returns an error unless [lo, hi] is a range a plot can map to
// pixels: finite ends, lo < hi, and a finite width hi - lo.
func rangeError(axis string, lo, hi float64) error {
	switch w := hi - lo; {
	case badNumber(lo) != "" || badNumber(hi) != "" || badNumber(w) != "":
		return fmt.Errorf("svgplot: the %s range [%g, %g] is too wide to draw", axis, lo, hi)
	case !(w > 0):
		return fmt.Errorf("svgplot: the %s range [%g, %g] has no width in float64", axis, lo, hi)
	}
	return nil
}

package main

import (
	"fmt"
	"io"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
)

// boundarySteps is the number of grid points along each axis of a decision
// boundary figure, the tutorial's steps = 1000.
const boundarySteps = 1000

// scoresFunc returns the class scores (len(xs)*len(ys) x K) at the points of
// the grid xs × ys, point (xs[i], ys[j]) in row j*len(xs)+i, as
// model.Model.GridProbabilities does.
type scoresFunc func(xs, ys []float64) *matrix.Dense

// gridScores is m.GridProbabilities as a scoresFunc. Its error cannot happen
// for a model just trained on finite data (two inputs, finite axes); it
// panics if it does.
func gridScores(m *model.Model) scoresFunc {
	return func(xs, ys []float64) *matrix.Dense {
		P, err := m.GridProbabilities(xs, ys)
		if err != nil {
			panic(err)
		}
		return P
	}
}

// column returns column j of X.
func column(X *matrix.Dense, j int) []float64 {
	c := make([]float64, X.Rows)
	for i := range c {
		c[i] = X.At(i, j)
	}
	return c
}

// boundaryGrid evaluates scores on a steps x steps grid over the data's range
// widened by 1 on each side, as the tutorial's plot_decision_boundary does.
func boundaryGrid(X *matrix.Dense, scores scoresFunc, steps int) svgplot.Grid {
	x1, x2 := column(X, 0), column(X, 1)
	g := svgplot.Grid{Nx: steps, Ny: steps}
	g.XMin, g.XMax = minMax(x1)
	g.YMin, g.YMax = minMax(x2)
	g.XMin, g.XMax, g.YMin, g.YMax = g.XMin-1, g.XMax+1, g.YMin-1, g.YMax+1
	xs := matrix.Linspace(g.XMin, g.XMax, steps, true)
	ys := matrix.Linspace(g.YMin, g.YMax, steps, true)
	P := scores(xs, ys)
	g.K, g.P = P.Cols, P.Data
	return g
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

func dataFigure(ds *dataSet, title string) func(io.Writer) error {
	return func(w io.Writer) error {
		return svgplot.Scatter(w, column(ds.X, 0), column(ds.X, 1), ds.y, svgplot.Options{Title: title})
	}
}

func costFigure(series []svgplot.Series, title string) func(io.Writer) error {
	return func(w io.Writer) error {
		return svgplot.Costs(w, series, svgplot.Options{Title: title})
	}
}

// boundaryFigure draws the decision regions of scores and the data ds on top,
// colored by true label.
func boundaryFigure(ds *dataSet, scores scoresFunc, title string) func(io.Writer) error {
	return func(w io.Writer) error {
		if ds.X.Cols != 2 {
			return fmt.Errorf("a decision boundary needs 2 features, the data has %d", ds.X.Cols)
		}
		g := boundaryGrid(ds.X, scores, boundarySteps)
		return svgplot.Boundary(w, g, column(ds.X, 0), column(ds.X, 1), ds.y, svgplot.Options{Title: title})
	}
}

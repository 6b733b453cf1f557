package svgplot_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/svgplot"
)

func ExampleNew() {
	s := svgplot.New(os.Stdout, 120, 80)
	s.Rect(0, 0, 120, 80, "fill:#fff")
	s.Circle(30, 40, 3, "fill:darkred")
	s.Line(10, 70, 110, 70, "stroke:#000")
	s.Text(60, 20, "x < 1 & y > 0", "text-anchor:middle")
	if err := s.End(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
	// <rect x="0.00" y="0.00" width="120.00" height="80.00" style="fill:#fff"/>
	// <circle cx="30.00" cy="40.00" r="3.00" style="fill:darkred"/>
	// <line x1="10.00" y1="70.00" x2="110.00" y2="70.00" style="stroke:#000"/>
	// <text x="60.00" y="20.00" style="text-anchor:middle">x &lt; 1 &amp; y &gt; 0</text>
	// </svg>
}

func ExampleScatter() {
	// The tutorial's cell 11 on four points: label 1 darkred, label 0 blue.
	x := []float64{-1, 0, 1, 2}
	y := []float64{0, 1, -0.5, 0.5}
	labels := []int{0, 0, 1, 1}
	var b bytes.Buffer
	if err := svgplot.Scatter(&b, x, y, labels, svgplot.Options{Title: "Moons"}); err != nil {
		fmt.Println(err)
	}
	out := b.String()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "<svg") || strings.HasPrefix(line, `<g style="fill:`) {
			fmt.Println(line)
		}
	}
	fmt.Println("circles:", strings.Count(out, "<circle"), "(4 points, 2 in the legend)")
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480">
	// <g style="fill:#1f77b4;stroke:#333;stroke-width:0.4">
	// <g style="fill:darkred;stroke:#333;stroke-width:0.4">
	// circles: 6 (4 points, 2 in the legend)
}

// sigmoid is the logistic function, for the small networks below.
func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func ExampleDecisionBoundary() {
	// Four points and a "network" with one output per class: class 1 wins
	// above the line x2 = x1. Points 2 and 3 were held out of training.
	X := matrix.FromRows([][]float64{{0, 1}, {1, 0}, {-1, 0.5}, {0.5, -1}})
	labels := []int{1, 0, 1, 0}
	scores := func(xs, ys []float64) (*matrix.Dense, error) {
		P := matrix.New(len(xs)*len(ys), 2)
		for j, y := range ys {
			for i, x := range xs {
				h := sigmoid(4 * (y - x))
				P.Set(j*len(xs)+i, 0, 1-h) // row j*len(xs)+i: the point (xs[i], ys[j])
				P.Set(j*len(xs)+i, 1, h)
			}
		}
		return P, nil
	}
	var b bytes.Buffer
	err := svgplot.DecisionBoundary(&b, X, labels, scores, svgplot.Options{
		Title:    "Decision boundary",
		Subtitle: "4 points · a line",
		Held:     []bool{false, false, true, true},
	})
	if err != nil {
		fmt.Println(err)
	}
	out := b.String()
	fmt.Println("filled groups:", strings.Count(out, `;stroke:#333;stroke-width:0.4">`))
	fmt.Println("hollow groups:", strings.Count(out, `<g style="fill:none;stroke:`))
	fmt.Println("legend:", strings.Contains(out, ">trained on<"), strings.Contains(out, ">not trained on<"))
	// Output:
	// filled groups: 2
	// hollow groups: 2
	// legend: true true
}

func ExampleNeurons() {
	// A 2-2-1 sigmoid network: Theta[l] is s_{l+1} x (s_l + 1), column 0
	// the bias weights, and Forward returns a^(1)..a^(L) with one example
	// per column and a bias row on top of all but the last.
	Theta := []*matrix.Dense{nil,
		matrix.FromRows([][]float64{{0, 3, 0}, {0, 0, -3}}),
		matrix.FromRows([][]float64{{-1, 2, 2}}),
	}
	forward := func(X *matrix.Dense) []*matrix.Dense {
		A := []*matrix.Dense{nil, matrix.WithBiasRow(matrix.T(X))}
		for l := 1; l < len(Theta); l++ {
			a := matrix.Apply(sigmoid, matrix.Mul(Theta[l], A[l]))
			if l+1 < len(Theta) {
				a = matrix.WithBiasRow(a)
			}
			A = append(A, a)
		}
		return A
	}
	X := matrix.FromRows([][]float64{{-1, -1}, {1, 1}})
	var b bytes.Buffer
	if err := svgplot.Neurons(&b, svgplot.NeuronNet{Theta: Theta, Forward: forward, X: X}, svgplot.Options{Title: "2-2-1"}); err != nil {
		fmt.Println(err)
	}
	out := b.String()
	fmt.Println("units:", strings.Count(out, `stroke:#666`))
	fmt.Println("edges:", strings.Count(out, "<line")-2) // 2 lines are the key's samples
	fmt.Println("bytes < 30000:", b.Len() < 30000)
	// Output:
	// units: 5
	// edges: 4
	// bytes < 30000: true
}

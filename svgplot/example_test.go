package svgplot_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

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

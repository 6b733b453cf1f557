package svgplot

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/svgcheck"
)

// longSubtitle is a subtitle as long as ann writes for a run with many flags.
const longSubtitle = "moons n=1000 noise 0.1 data-seed 0 · layers 2-16-16-16-16-2 · tanh · α 0.5 · λ 0.001 · momentum 0.9 · " +
	"5000 iterations · init text seed 4294967295 · trained on the first 500 of 1000 rows · standardized"

// TestLayoutOfEveryNetwork draws the neuron, boundary, training and cost
// figures for networks from the smallest to the widest that ann draws
// (layers of 16 units), with short and long subtitles, and fails when a
// text leaves the canvas or a legend box covers a data point.
func TestLayoutOfEveryNetwork(t *testing.T) {
	nets := [][]int{{2, 1, 2}, {2, 2}, {2, 4, 2}, {2, 5, 5, 2}, {2, 16, 2}, {2, 16, 16, 16, 16, 2}, {2, 3, 3}, {2, 1, 1, 1, 1, 1, 1, 1, 2}}
	X, labels := moonsX(200)
	x, y := Column(X, 0), Column(X, 1)
	held := make([]bool, len(x))
	for i := range held {
		held[i] = i%2 == 1
	}
	take1, take2 := takeCosts()
	for _, sizes := range nets {
		net := randomNet(sizes, 3, uint64(len(sizes)*100+sizes[1]))
		K := sizes[len(sizes)-1]
		lab := make([]int, len(labels))
		for i, l := range labels {
			lab[i] = l % K
			if K == 3 && i%5 == 0 {
				lab[i] = 2
			}
		}
		g, err := BoundaryGrid(X, net.scores, 60)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.Trim(strings.Join(strings.Fields(fmt.Sprint(sizes)), "-"), "[]")
		for _, sub := range []string{"", "layers " + name, longSubtitle} {
			opt := Options{Title: "The network, unit by unit", Subtitle: sub}
			check := func(fig string, draw func(*bytes.Buffer) error) {
				t.Helper()
				var b bytes.Buffer
				if err := draw(&b); err != nil {
					t.Fatalf("%s %s: %v", name, fig, err)
				}
				faults, err := svgcheck.Layout(b.Bytes())
				if err != nil {
					t.Fatalf("%s %s: %v", name, fig, err)
				}
				for _, f := range faults {
					t.Errorf("%s %s, subtitle %d bytes long: %s", name, fig, len(sub), f)
				}
			}
			check("neurons", func(b *bytes.Buffer) error { return Neurons(b, net.neuronNet(X), opt) })
			check("boundary", func(b *bytes.Buffer) error {
				o := opt
				o.Held = held
				return Boundary(b, g, x, y, lab, o)
			})
			check("panels", func(b *bytes.Buffer) error {
				panels := []Panel{{Grid: g, X: x, Y: y, Labels: lab, Held: held, Title: "fold 1"}, {Grid: g, X: x, Y: y, Labels: lab, Title: "fold 2"}}
				return BoundaryPanels(b, panels, opt)
			})
			frames := make([]Frame, 0, 6)
			for _, it := range SnapshotIterations(take2, 6) {
				frames = append(frames, Frame{Iteration: it, Panel: Panel{Grid: g, X: x, Y: y, Labels: lab, Held: held}})
			}
			check("training", func(b *bytes.Buffer) error { return Training(b, frames, take2, opt) })
			check("training-animated", func(b *bytes.Buffer) error { return TrainingAnimated(b, frames, take2, opt) })
			check("cost", func(b *bytes.Buffer) error {
				return Costs(b, []Series{{"Take 1: 1000 points, 1000 iterations", take1}, {"Take 2: 500 points, 5000 iterations", take2}}, opt)
			})
		}
	}
}

var (
	marksGroup = regexp.MustCompile(`(?s)<g style="font-size:11px;fill:#d62728">\n(.*?)</g>`)
	markText   = regexp.MustCompile(`<text x="([-\d.]+)" y="([-\d.]+)"( style="text-anchor:end")?>(\d+)</text>`)
	polyline   = regexp.MustCompile(`<polyline points="([^"]*)"`)
)

// TestMarkLabelsOffTheCurve draws Training for cost curves with snapshots
// close together and at a steep fall, and fails if an iteration's label
// crosses the cost curve.
func TestMarkLabelsOffTheCurve(t *testing.T) {
	take1, take2 := takeCosts()
	for _, c := range []struct {
		costs []float64
		its   []int
	}{
		{take2, SnapshotIterations(take2, 6)},
		{take2, []int{1, 143, 157, 400, 4375, 5000}},
		{take1, SnapshotIterations(take1, 6)},
		{take1, []int{1, 380, 400, 420, 440, 1000}},
	} {
		var b bytes.Buffer
		if err := Training(&b, trainingFrames(60, c.its, []float64{0.05, 0.2, 0.3, 0.5, 0.8, 1}, nil), c.costs, Options{}); err != nil {
			t.Fatal(err)
		}
		doc := b.String()
		pl := polyline.FindAllStringSubmatch(doc, -1)
		if len(pl) == 0 {
			t.Fatal("no cost curve")
		}
		var curve []point
		for _, xy := range strings.Fields(pl[len(pl)-1][1]) {
			var p point
			fmt.Sscanf(xy, "%g,%g", &p.X, &p.Y)
			curve = append(curve, p)
		}
		g := marksGroup.FindStringSubmatch(doc)
		if g == nil {
			t.Fatal("no marks")
		}
		labels := markText.FindAllStringSubmatch(g[1], -1)
		if len(labels) != len(c.its) {
			t.Fatalf("%d labels for %d snapshots", len(labels), len(c.its))
		}
		for _, l := range labels {
			var x, y float64
			fmt.Sscanf(l[1]+" "+l[2], "%g %g", &x, &y)
			w := textWidth(l[4], tickSize)
			if l[3] != "" {
				x -= w
			}
			bx := box{x, y - 0.8*tickSize, w, tickSize}
			for i := 1; i < len(curve); i++ {
				if segmentMeetsBox(curve[i-1], curve[i], bx) {
					t.Errorf("snapshots %v: the label %q at (%s, %s) crosses the cost curve", c.its, l[4], l[1], l[2])
					break
				}
			}
		}
	}
}

// Package svgplot draws the tutorial's figures as small, deterministic SVG
// files.
//
// It implements the plotting cells of "Artificial neural networks: An
// example implementation in Python 3 with numpy and matplotlib":
//
//   - cell 7, plot_decision_boundary (used by cells 13 and 15):
//     DecisionBoundary, which evaluates the classifier through a ScoreFunc
//     callback on BoundaryGrid's grid (the data's range +-1, 1000 x 1000
//     points) and draws it with Boundary; BoundaryPanels for several
//     boundaries side by side, such as the folds of a cross-validation;
//   - cell 11, the scatter plot of the moons data colored by label: Scatter;
//   - cells 12 and 14, the cost per iteration of gradient descent: Costs,
//     which also draws several curves in one figure (training and test
//     cost, Take 1 beside Take 2, or one per fold).
//
// Beyond the tutorial it draws what its text describes in words:
//
//   - Neurons: the network unit by unit, each unit a small map of its output
//     over the input plane and each weight an edge colored by its sign;
//   - Training and TrainingAnimated: the decision boundary at a few
//     iterations (SnapshotIterations picks them from the cost curve) beside
//     the cost curve.
//
// Options say what was run (Title, Subtitle, the axis titles, the class
// names), which points the model did not train on (Held: drawn hollow), and
// whether to shade the decision regions by the classifier's confidence. Each
// class has one color in every figure.
//
// The plots take plain slices, and matrices of package matrix, and draw
// with SVG, a writer with one method per element, modeled on ajstarks/svgo
// and gonum's vg/vgsvg. Numbers are printed with two decimals, and nothing
// is drawn in map order, so the same input always gives the same bytes, and
// the golden files in testdata diff line by line. The package uses only the
// standard library and package matrix; a network reaches it through
// callbacks (ScoreFunc, NeuronNet.Forward), never by import.
//
// Bad input is an error, never a panic: no data, NaN or infinite values,
// lengths that disagree, negative labels, and ranges that float64 cannot
// draw (wider than the largest float64, or of no width) are reported with
// the prefix "svgplot: ", and nothing is written then.
//
// # Coordinates
//
// A plot maps its data rectangle [xmin, xmax] × [ymin, ymax] onto its plot
// rectangle, whose top-left pixel is (left, top):
//
//	px = left + (x - xmin) / (xmax - xmin) * width
//	py = top + (ymax - y) / (ymax - ymin) * height
//
// Data y grows upward and SVG y downward; py is the one place that flips it.
// Ticks are the multiples of a "nice" step, 1, 2 or 5 × 10^k, chosen so that
// the labels do not crowd.
//
// # Decision regions
//
// Like matplotlib's contourf, Boundary draws the regions as filled vector
// paths, not one rectangle per grid point. For each class k the margin
//
//	f_k = P_k - max_{c≠k} P_c
//
// is positive exactly where class k has the largest score, and the region
// of class k is the set f_k > 0, traced by marching squares at level 0:
//
//	pad the grid with a ring of points just outside it, with f = -1, so that
//	    every boundary closes (the drawing is clipped to the plot rectangle);
//	in each cell of four neighboring grid points, walk the edges counter-
//	    clockwise; the boundary enters on an edge running from an inside
//	    (f > 0) to an outside corner and leaves on one running from outside
//	    to inside, crossing edge a-b at a + t(b - a), t = f(a) / (f(a) - f(b));
//	a saddle cell (inside corners opposite) joins its inside corners if the
//	    average of its four corners is inside, else separates them;
//	chain the segments into closed polygons through a map from the edge a
//	    segment starts on to the edge it ends on;
//	drop vertices within 0.1 pixel of the line through their neighbors
//	    (Douglas-Peucker), and fill with fill-rule evenodd, so holes stay holes.
//
// The plot rectangle is painted in class 0's color and each region of class
// k >= 1 on top; regions of different classes do not overlap. With
// Options.Confidence, the class's color is laid over its region once more
// for each level h >= 0.6, 0.75, 0.9 of the winning output h, the region
// min(f_k, P_k - level) > 0, so the regions are lightest where the
// classifier is least sure.
//
// The maps of Neurons are the same contours at the levels 0.1, ..., 0.9 of
// a unit's output on a 40x40 grid, nested, each band a shade between orange
// (0), white (0.5) and blue (1).
package svgplot

//go:build long

package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ann-go/ann/internal/cdp"
	"github.com/ann-go/ann/internal/golden"
)

// hoverOver scrolls the element sel into view and moves the mouse onto its
// middle, as a user would (DevTools' Input.dispatchMouseEvent), then returns
// the hover card's text into card once it shows and, for a unit, its map is
// drawn.
func hoverOver(ctx context.Context, b *cdp.Browser, sel string, card *string) error {
	var p struct{ X, Y float64 }
	if err := b.Eval(ctx, `(() => { const e = document.querySelector(`+cdp.Quote(sel)+`); e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height / 2}; })()`, &p); err != nil {
		return err
	}
	// Off the element first, so that the move onto it is a change.
	if err := b.Call(ctx, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": 1, "y": 1}, nil); err != nil {
		return err
	}
	if err := b.Call(ctx, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": p.X, "y": p.Y}, nil); err != nil {
		return err
	}
	if err := b.WaitFor(ctx, "the hover card of "+sel, `!document.getElementById("hovercard").hidden &&
		(document.getElementById("hoverMapBox").hidden || document.getElementById("hoverCaption").dataset.at !== undefined && !document.getElementById("hoverCaption").textContent.includes("loading"))`); err != nil {
		return err
	}
	return b.Eval(ctx, `document.getElementById("hovercard").innerText`, card)
}

// cardValue returns the number of the hover card's row named name ("" if
// there is none).
func cardValue(card, name string) string {
	for _, line := range strings.Split(card, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != name {
			continue
		}
		if _, err := strconv.ParseFloat(f[1], 64); err == nil {
			return f[1]
		}
	}
	return ""
}

// The playground in a real browser: headless Chromium, driven over the
// DevTools protocol, loads the page with the tutorial's Take 2 link, plays
// it to the end, and shows what ann train computes for the same run; the
// page is photographed at three sizes, into a temporary directory, or under
// -update into docs/figures (playground.png is the 1280x900 one). Skipped, saying so, where there is
// no Chromium (apt-get install chromium).
func TestPlaygroundInBrowser(t *testing.T) {
	path := cdp.Find()
	if path == "" {
		t.Skip("no chromium on $PATH: the browser test of the playground is skipped (apt-get install chromium)")
	}
	srv := newServer(t, playLimits)
	b, err := cdp.Start(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	if golden.Update() {
		dir = filepath.Join("..", "..", "docs", "figures")
	}

	if err := b.SetViewport(ctx, 1280, 900); err != nil {
		t.Fatal(err)
	}
	take2 := srv.URL + "/?data=moons&n=1000&first=500&iters=5000&speed=0&play=1"
	if err := b.Navigate(ctx, take2); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "Take 2 to reach iteration 5000", `document.getElementById("stopAt").textContent.includes("done")`); err != nil {
		t.Fatal(err)
	}
	// The page shows what ann train computes for the same run.
	code, out, errs := runAnn("train", "-q", "-first", "500", "-iters", "5000")
	if code != 0 {
		t.Fatal(errs)
	}
	wantCost := regexp.MustCompile(`([0-9.]+) at iteration 5000`).FindStringSubmatch(out)
	wantAcc := regexp.MustCompile(`accuracy: ([0-9.]+) on the 500 training rows`).FindStringSubmatch(out)
	if wantCost == nil || wantAcc == nil {
		t.Fatalf("ann train's summary:\n%s", out)
	}
	var shown struct{ Iter, Cost, Acc, Command string }
	if err := b.Eval(ctx, `({Iter: document.getElementById("iter").textContent,
		Cost: document.getElementById("cost").textContent,
		Acc: document.getElementById("acc").textContent,
		Command: document.getElementById("command").textContent})`, &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Iter != "5,000" || shown.Cost != wantCost[1] || shown.Acc != wantAcc[1] {
		t.Errorf("the page shows iteration %s, J %s, accuracy %s; ann train: 5,000, %s, %s", shown.Iter, shown.Cost, shown.Acc, wantCost[1], wantAcc[1])
	}
	if want := "ann train -data moons -n 1000 -first 500"; !strings.Contains(shown.Command, "-first 500") || !strings.Contains(shown.Command, "-iters 5000") {
		t.Errorf("the reproduce line %q does not hold the run (%s ... -iters 5000)", shown.Command, want)
	}

	// The Take 2 link's first=500 has its control; the header names the
	// activation; the toggles hide the rows not trained on and put the maps
	// in two colours.
	var ui struct {
		First, Tagline       string
		Hollow, HollowHidden int
		Colors, Discrete     int
	}
	if err := b.Eval(ctx, `(() => {
		const r = {First: document.querySelector('[data-flag="first"]').value, Tagline: document.getElementById("tagline").textContent};
		const hollow = () => [...document.querySelectorAll('#boundary g[style^="fill:none;stroke:"] > circle')].filter(c => getComputedStyle(c).display !== "none").length;
		const colors = () => new Set([...document.querySelectorAll("#diagram path")].map(p => getComputedStyle(p).fill)).size;
		r.Hollow = hollow(); r.Colors = colors();
		document.getElementById("showTest").click(); r.HollowHidden = hollow(); document.getElementById("showTest").click();
		document.getElementById("discretize").click(); r.Discrete = colors(); document.getElementById("discretize").click();
		return r;
	})()`, &ui); err != nil {
		t.Fatal(err)
	}
	if ui.First != "500" || !strings.Contains(ui.Tagline, "sigmoid hidden units") {
		t.Errorf("first K control %q, header %q; want 500 and the activation named", ui.First, ui.Tagline)
	}
	if ui.Hollow != 500 || ui.HollowHidden != 0 {
		t.Errorf("%d hollow rows shown, %d with show test data off; want 500 and 0", ui.Hollow, ui.HollowHidden)
	}
	if ui.Colors < 5 || ui.Discrete != 2 {
		t.Errorf("the unit maps have %d colours, %d discretized; want the bands, then 2", ui.Colors, ui.Discrete)
	}
	var tanh string
	if err := b.Eval(ctx, `(() => { const s = document.querySelector('[data-flag="activation"]'); s.value = "tanh"; s.dispatchEvent(new Event("change"));
		const t = document.getElementById("tagline").textContent; s.value = "sigmoid"; s.dispatchEvent(new Event("change")); return t; })()`, &tanh); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tanh, "tanh hidden units") {
		t.Errorf("with tanh chosen the header says %q", tanh)
	}
	// Back to the finished Take 2 for the pictures.
	if err := b.Navigate(ctx, take2); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "Take 2 again", `document.getElementById("stopAt").textContent.includes("done")`); err != nil {
		t.Fatal(err)
	}

	for _, v := range []struct {
		w, h int
		name string
	}{{1280, 900, "playground.png"}, {1024, 768, "playground-1024.png"}, {420, 900, "playground-420.png"}} {
		if err := b.SetViewport(ctx, v.w, v.h); err != nil {
			t.Fatal(err)
		}
		// Two animation frames: the layout of the new size is drawn.
		if err := b.Eval(ctx, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, nil); err != nil {
			t.Fatal(err)
		}
		var scroll struct{ Page, View int }
		if err := b.Eval(ctx, `({Page: document.documentElement.scrollWidth, View: window.innerWidth})`, &scroll); err != nil {
			t.Fatal(err)
		}
		if scroll.Page > scroll.View {
			t.Errorf("%dx%d: the page is %d px wide: it scrolls sideways", v.w, v.h, scroll.Page)
		}
		// The reproduce line breaks between arguments only, and at 420 px
		// the columns stack.
		var lay struct {
			Broken      []string
			DataX, OutX float64
			OutY, NetY  float64
			InsideFrame bool
		}
		if err := b.Eval(ctx, `(() => {
			const box = (id) => document.getElementById(id).getBoundingClientRect();
			return {Broken: [...document.querySelectorAll("#command span")].filter(s => s.getClientRects().length > 1).map(s => s.textContent),
				DataX: box("data").left, OutX: box("out").left, OutY: box("out").top, NetY: box("net").top};
		})()`, &lay); err != nil {
			t.Fatal(err)
		}
		if len(lay.Broken) > 0 {
			t.Errorf("%dx%d: the reproduce line breaks inside %q", v.w, v.h, lay.Broken)
		}
		if stacked := lay.DataX == lay.OutX && lay.OutY > lay.NetY; stacked != (v.w < 760) {
			t.Errorf("%dx%d: columns stacked %v (data at x %v, output at x %v)", v.w, v.h, stacked, lay.DataX, lay.OutX)
		}
		png, err := b.Screenshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, v.name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
}

// The step-through shows, on the network, ann trace's numbers for the same
// example and weights: z and a in the forward steps, δ in the backward ones,
// and D on the edges of the gradient step, to the digits shown.
func TestPlaygroundStepInBrowser(t *testing.T) {
	path := cdp.Find()
	if path == "" {
		t.Skip("no chromium on $PATH: the browser test of the playground is skipped (apt-get install chromium)")
	}
	srv := newServer(t, playLimits)
	b, err := cdp.Start(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := b.SetViewport(ctx, 1280, 900); err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(ctx, srv.URL+"/?layers=2,3,2&test-fraction=0"); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the step-through", `document.querySelector("#stepFig svg")`); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAnn("trace", "-layers", "2,3,2", "-example", "0")
	if code != 0 {
		t.Fatal(errs)
	}
	// The values shown at the last step, "k,l,j" -> the number; all steps'
	// texts.
	var shown struct {
		Values map[string]string
		Steps  []string
		Edges  map[string]string
	}
	if err := b.Eval(ctx, `(() => {
		const r = {Values: {}, Steps: [], Edges: {}};
		for (let n = 0; n < 20; n++) {
			r.Steps.push(document.getElementById("stepWhat").textContent);
			for (const t of document.querySelectorAll("#stepFig text[data-value]")) r.Values[t.dataset.value + "@" + n] = t.textContent.split(" ")[1];
			if (r.Steps[n].includes("gradients")) for (const e of document.querySelectorAll("#stepFig line.hit")) {
				e.dispatchEvent(new MouseEvent("mousemove", {bubbles: true, clientX: 10, clientY: 10}));
				r.Edges[e.dataset.edge] = document.getElementById("hovercard").innerText;
			}
			document.getElementById("stepNext").click();
		}
		hover(null);
		return r;
	})()`, &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Steps) < 8 || !strings.Contains(shown.Steps[7], "8/8  update") {
		t.Fatalf("the steps: %q", shown.Steps)
	}
	// Values shown to 4 decimals are the trace's 6, rounded.
	near := func(shown, traced string) bool {
		var a, b float64
		if _, err := fmt.Sscan(shown, &a); err != nil {
			return false
		}
		if _, err := fmt.Sscan(traced, &b); err != nil {
			return false
		}
		return math.Abs(a-b) <= 0.5e-4+1e-6
	}
	z2 := traceSection(t, out, "a^(2) = [1; g(z^(2))]")[2:]
	d2 := traceSection(t, out, "δ^(2) = ")[3:]
	d3 := traceSection(t, out, "δ^(3) = ")[1:]
	last := len(shown.Steps) - 1
	for j := 1; j <= 3; j++ {
		z, a, d := shown.Values[fmt.Sprintf("z,2,%d@%d", j, last)], shown.Values[fmt.Sprintf("a,2,%d@%d", j, last)], shown.Values[fmt.Sprintf("δ,2,%d@%d", j, last)]
		if !near(z, z2[j-1][1]) || !near(a, z2[j-1][2]) || !near(d, d2[j-1][4]) {
			t.Errorf("layer 2 unit %d shows z %s a %s δ %s; ann trace %v, δ %v", j, z, a, d, z2[j-1], d2[j-1])
		}
	}
	for k := 1; k <= 2; k++ {
		if d := shown.Values[fmt.Sprintf("δ,3,%d@%d", k, last)]; !near(d, d3[k-1][3]) {
			t.Errorf("output unit %d shows δ %s; ann trace %v", k, d, d3[k-1])
		}
	}
	// Before the forward step reaches layer 2, its units show nothing.
	if _, ok := shown.Values["z,2,1@0"]; ok {
		t.Error("the first step (the weights) already shows z^(2)")
	}
	// A picture of the backward step δ^(2), for docs/playground.md.
	if err := b.Eval(ctx, `(() => {
		for (let n = 0; n < 20 && !document.getElementById("stepWhat").textContent.includes("δ^(2)"); n++) document.getElementById("stepPrev").click();
		document.getElementById("stepWho").parentElement.scrollIntoView();
		return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));
	})()`, nil); err != nil {
		t.Fatal(err)
	}
	if golden.Update() {
		// With the card of the unit hovered: its map enlarged.
		var card string
		if err := hoverOver(ctx, b, `#stepFig g[data-unit="2,3"]`, &card); err != nil {
			t.Fatal(err)
		}
		png, err := b.Screenshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "figures", "playground-step.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := b.Eval(ctx, `hover(null), true`, nil); err != nil {
			t.Fatal(err)
		}
	}
	D1 := traceSection(t, out, "D^(1) = (1/m)")[1:]
	for j := 1; j <= 3; j++ {
		for i := 1; i <= 2; i++ {
			title := shown.Edges[fmt.Sprintf("1,%d,%d", j, i)]
			if want := fmt.Sprintf("weight Θ^(1)_%d,%d:", j, i); !strings.HasPrefix(title, want) || cardValue(title, "D") != D1[j-1][i+1] {
				t.Errorf("edge 1,%d,%d: %q, want %q (ann trace)", j, i, title, want)
			}
		}
	}
	// Clicking an edge, then a unit's bias, types a new weight: the
	// step-through shows it and the reproduce line says it was edited.
	if err := b.Eval(ctx, `window.prompt = () => "0.75", document.getElementById("step").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "iteration 1 in the step-through", `document.getElementById("stepWho").textContent.endsWith("weights of iteration 1")`); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(ctx, `document.querySelector('#stepFig line[data-edge="1,2,1"]').dispatchEvent(new MouseEvent("click", {bubbles: true})), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the edited edge", `stepInfo.theta[1][1][1] === 0.75 &&
		document.getElementById("command").textContent.startsWith("# weights edited by hand at iteration 1")`); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(ctx, `window.prompt = () => "-0.5", document.querySelector('#stepFig g[data-unit="3,1"]').dispatchEvent(new MouseEvent("click", {bubbles: true})), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the edited bias", `stepInfo.theta[2][0][0] === -0.5`); err != nil {
		t.Fatal(err)
	}
	var card string
	if err := hoverOver(ctx, b, `#stepFig g[data-unit="3,1"]`, &card); err != nil {
		t.Fatal(err)
	}
	if got := cardValue(card, "Θ^(2)_1,0"); got != "-0.500000" {
		t.Errorf("the card of output unit 1 says its bias weight is %q, want -0.500000:\n%s", got, card)
	}
	// A feature input: the first layer grows by one unit, and the run, its
	// step-through and its unit maps (one map per input) follow.
	if err := b.Eval(ctx, `document.querySelector('#features input[value="x1*x2"]').click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the run with x1*x2", `document.getElementById("layersText").textContent === "3,3,2" && document.getElementById("error").hidden &&
		document.querySelectorAll('#stepFig g[data-unit^="1,"]').length === 3 &&
		document.querySelectorAll('#diagram svg rect[style="fill:none;stroke:#666;stroke-width:0.8"]').length === 3+3+2`); err != nil {
		t.Fatal(err)
	}
}

// Drawn data: in draw mode a click on the boundary plot adds a point and a
// click on a point removes it; the data is uploaded as drawn.csv, which ann
// train -data reads, and the reproduce line names it.
func TestPlaygroundDrawInBrowser(t *testing.T) {
	path := cdp.Find()
	if path == "" {
		t.Skip("no chromium on $PATH: the browser test of the playground is skipped (apt-get install chromium)")
	}
	srv := newServer(t, playLimits)
	b, err := cdp.Start(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := b.SetViewport(ctx, 1280, 900); err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(ctx, srv.URL+"/?n=200&test-fraction=0"); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the first frame", `document.querySelector("#boundary svg") && document.getElementById("rows").textContent.startsWith("200 rows")`); err != nil {
		t.Fatal(err)
	}
	// click(fx, fy) clicks the plot at a fraction of its width and height;
	// clickPoint(i) clicks the drawn row i.
	const clicks = `
		window.clickAt = (px, py) => {
			const svg = document.querySelector("#boundary svg"), pt = svg.createSVGPoint();
			pt.x = px; pt.y = py;
			const c = pt.matrixTransform(svg.getScreenCTM());
			svg.dispatchEvent(new MouseEvent("click", {clientX: c.x, clientY: c.y, bubbles: true}));
		};
		window.clickPlot = (fx, fy) => { const b = plotBox(document.querySelector("#boundary svg")); clickAt(b.x + fx * b.w, b.y + fy * b.h); };
		window.clickPoint = (i) => { const b = plotBox(document.querySelector("#boundary svg")); const [px, py] = toPixel(b, drawn[i][0], drawn[i][1]); clickAt(px, py); };
		document.getElementById("draw").click();
		document.getElementById("drawClass").value = "1";
		clickPlot(0.05, 0.05);
		true`
	if err := b.Eval(ctx, clicks, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "a point added", `document.getElementById("rows").textContent.startsWith("201 rows")`); err != nil {
		t.Fatal(err)
	}
	var csv string
	if err := b.Eval(ctx, `fetch(document.getElementById("drawCSV").href).then(r => r.text())`, &csv); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 202 || lines[0] != "x1,x2,label" || !strings.HasSuffix(lines[201], ",1") {
		t.Fatalf("drawn.csv: %d lines, %q ... %q", len(lines), lines[0], lines[len(lines)-1])
	}
	file := filepath.Join(t.TempDir(), "drawn.csv")
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAnn("train", "-q", "-data", file, "-iters", "3")
	if code != 0 || !strings.Contains(out, "on 201 of 201 rows") {
		t.Errorf("ann train -data drawn.csv: exit %d, %s%s", code, out, errs)
	}
	// One iteration, and the reproduce line names the file.
	if err := b.Eval(ctx, `document.getElementById("step").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the reproduce line", `document.getElementById("command").textContent.includes("-data drawn.csv")`); err != nil {
		t.Fatal(err)
	}
	// A click on the added point removes it.
	if err := b.Eval(ctx, `clickPoint(drawn.length - 1), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the point removed", `document.getElementById("rows").textContent.startsWith("200 rows")`); err != nil {
		t.Fatal(err)
	}
}

// startBrowser starts a server and a Chromium at width x height, or skips
// the test, saying so, where there is no Chromium.
func startBrowser(t *testing.T, width, height int, timeout time.Duration) (*cdp.Browser, context.Context, string) {
	t.Helper()
	path := cdp.Find()
	if path == "" {
		t.Skip("no chromium on $PATH: the browser test of the playground is skipped (apt-get install chromium)")
	}
	srv := newServer(t, playLimits)
	b, err := cdp.Start(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	if err := b.SetViewport(ctx, width, height); err != nil {
		t.Fatal(err)
	}
	return b, ctx, srv.URL
}

// Hovering a unit of the step diagram, or its map in the diagram of unit
// maps, shows its map enlarged with its z, a and δ for the chosen example;
// hovering an edge, its Θ, D and numerical gradient: ann trace's numbers.
func TestPlaygroundHoverInBrowser(t *testing.T) {
	b, ctx, url := startBrowser(t, 1280, 900, 2*time.Minute)
	if err := b.Navigate(ctx, url+"/?layers=2,3,2&test-fraction=0&lambda=0.01"); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the step-through", `document.querySelector("#stepFig svg")`); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAnn("trace", "-layers", "2,3,2", "-lambda", "0.01", "-example", "0")
	if code != 0 {
		t.Fatal(errs)
	}
	z2 := traceSection(t, out, "a^(2) = [1; g(z^(2))]")[2:]
	d2 := traceSection(t, out, "δ^(2) = ")[3:]
	// The unit in the step diagram, then its map in the diagram of maps
	// (the fourth frame: after the two inputs, layer 2's second unit).
	var card, card2 string
	if err := hoverOver(ctx, b, `#stepFig g[data-unit="2,2"]`, &card); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(ctx, `document.querySelectorAll('#diagram svg rect[style="fill:none;stroke:#666;stroke-width:0.8"]')[3].id = "map22", true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := hoverOver(ctx, b, `#map22`, &card2); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{card, card2} {
		if !strings.HasPrefix(c, "unit 2 of layer 2 (hidden, g = sigmoid)") {
			t.Errorf("the card of unit 2 of layer 2:\n%s", c)
		}
		if z, a, d := cardValue(c, "z^(2)_2"), cardValue(c, "a^(2)_2"), cardValue(c, "δ^(2)_2"); z != z2[1][1] || a != z2[1][2] || d != d2[1][4] {
			t.Errorf("the card shows z %s a %s δ %s; ann trace z %s a %s δ %s", z, a, d, z2[1][1], z2[1][2], d2[1][4])
		}
		// The map's own value at the example, computed on the grid's path
		// (the server's /api/map), is the same a.
		if !strings.Contains(c, "ringed: example 0, where it is "+z2[1][2]) {
			t.Errorf("the map's caption does not give a = %s at the example:\n%s", z2[1][2], c)
		}
	}
	// The map is drawn: the canvas holds the bands' colours, not one.
	var colours int
	if err := b.Eval(ctx, `(() => { const c = document.getElementById("hoverMap"), d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data, s = new Set();
		for (let q = 0; q < d.length; q += 4) s.add(d[q] << 16 | d[q + 1] << 8 | d[q + 2]); return s.size; })()`, &colours); err != nil {
		t.Fatal(err)
	}
	if colours < 3 {
		t.Errorf("the enlarged map has %d colours", colours)
	}
	// An edge of each layer of weights: Θ, D (with λ's term) and the
	// numerical gradient, at the gradient step.
	if err := b.Eval(ctx, `(() => { for (let n = 0; n < 20 && !document.getElementById("stepWhat").textContent.includes("gradients"); n++) document.getElementById("stepNext").click(); return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	for l, edge := range map[int]string{1: "1,3,2", 2: "2,2,3"} {
		if err := hoverOver(ctx, b, fmt.Sprintf(`#stepFig line.hit[data-edge="%s"]`, edge), &card); err != nil {
			t.Fatal(err)
		}
		var j, i int
		fmt.Sscanf(edge[2:], "%d,%d", &j, &i)
		theta := traceSection(t, out, fmt.Sprintf("Θ^(%d)  (", l))[j]
		D := traceSection(t, out, fmt.Sprintf("D^(%d) = (1/m)", l))[j]
		var num string
		for _, r := range traceSection(t, out, fmt.Sprintf("D^(%d) beside the numerical", l))[2:] {
			if r[0] == fmt.Sprint(j) && r[1] == fmt.Sprint(i) {
				num = r[3]
			}
		}
		if !strings.HasPrefix(card, fmt.Sprintf("weight Θ^(%d)_%d,%d:", l, j, i)) || cardValue(card, "Θ") != theta[i+1] || cardValue(card, "D") != D[i+1] || cardValue(card, "numerical") != num {
			t.Errorf("edge %s: the card\n%s\nann trace: Θ %s, D %s, numerical %s", edge, card, theta[i+1], D[i+1], num)
		}
	}
}

// A wide network's step diagram is drawn compact, fits the column at
// 1024x768, and gives each unit's numbers on hover.
func TestPlaygroundWideStepInBrowser(t *testing.T) {
	b, ctx, url := startBrowser(t, 1024, 768, 2*time.Minute)
	if err := b.Navigate(ctx, url+"/?layers=2,32,32,2&test-fraction=0&n=300"); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the step-through", `document.querySelector("#stepFig svg")`); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(ctx, `(() => { for (let n = 0; n < 20 && !document.getElementById("stepWhat").textContent.includes("gradients"); n++) document.getElementById("stepNext").click(); return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	var lay struct {
		Compact            bool
		Units, Bars, Edges int
		Fig, Column        float64
		Page, View         int
	}
	if err := b.Eval(ctx, `(() => { const svg = document.querySelector("#stepFig svg");
		return {Compact: svg.classList.contains("compact"), Units: svg.querySelectorAll("[data-unit]").length, Bars: svg.querySelectorAll("rect.delta").length,
			Edges: svg.querySelectorAll("line.edge").length, Fig: svg.getBoundingClientRect().right, Column: document.getElementById("net").getBoundingClientRect().right,
			Page: document.documentElement.scrollWidth, View: innerWidth}; })()`, &lay); err != nil {
		t.Fatal(err)
	}
	if !lay.Compact || lay.Units != 68 || lay.Bars != 66 || lay.Edges != 2*32+32*32+32*2 || lay.Fig > lay.Column || lay.Page > lay.View {
		t.Errorf("the wide step diagram: %+v; want compact, 68 units, 66 δ bars, 1152 edges, inside its column, no sideways scrolling", lay)
	}
	var card string
	if err := hoverOver(ctx, b, `#stepFig g[data-unit="3,17"]`, &card); err != nil {
		t.Fatal(err)
	}
	var want struct{ Z, A, D string }
	if err := b.Eval(ctx, `fetch("api/step?id=" + run.id + "&example=0").then(r => r.json()).then(s => ({Z: s.z[3][16].toFixed(6), A: s.a[3][16].toFixed(6), D: s.delta[3][16].toFixed(6)}))`, &want); err != nil {
		t.Fatal(err)
	}
	if cardValue(card, "z^(3)_17") != want.Z || cardValue(card, "a^(3)_17") != want.A || cardValue(card, "δ^(3)_17") != want.D {
		t.Errorf("the card of unit 17 of layer 3:\n%s\n/api/step: %+v", card, want)
	}
	var hot int
	if err := b.Eval(ctx, `document.querySelectorAll("#stepFig line.edge.hot").length`, &hot); err != nil {
		t.Fatal(err)
	}
	if hot != 32+2 {
		t.Errorf("hovering a unit of layer 3 highlights %d edges, want its 32 in and 2 out", hot)
	}
	if golden.Update() {
		png, err := b.Screenshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "figures", "playground-wide.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Drawing on a data set of three classes: the page offers each class and a
// fourth, new one; a point of class 2 is drawn, and the reproduce line, run
// with ann train -data on the downloaded drawn.csv, writes the costs.csv the
// page hands out; a point of the new class 3 adds an output unit.
func TestPlaygroundDrawClassesInBrowser(t *testing.T) {
	b, ctx, url := startBrowser(t, 1280, 900, 2*time.Minute)
	if err := b.Navigate(ctx, url+"/?test-fraction=0&layers=2,4,3&iters=10"); err != nil {
		t.Fatal(err)
	}
	// Three blobs, uploaded as a file chosen from disk is.
	var csv strings.Builder
	csv.WriteString("x1,x2,label\n")
	for i := range 60 {
		k := i % 3
		fmt.Fprintf(&csv, "%.3f,%.3f,%d\n", float64(k)*2+0.1*math.Sin(float64(i)), float64(k%2)*2+0.1*math.Cos(float64(i)), k)
	}
	upload := `(() => { const dt = new DataTransfer(); dt.items.add(new File([` + cdp.Quote(csv.String()) + `], "three.csv", {type: "text/csv"}));
		const sel = document.getElementById("dataSel"); sel.value = "file"; sel.dispatchEvent(new Event("change"));
		const f = document.getElementById("file"); f.files = dt.files; f.dispatchEvent(new Event("change")); return true; })()`
	if err := b.Eval(ctx, upload, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the three classes", `document.getElementById("rows").textContent.includes("K = 3 classes") && document.querySelector("#boundary svg")`); err != nil {
		t.Fatal(err)
	}
	var classes []string
	if err := b.Eval(ctx, `[...document.getElementById("drawClass").options].map(o => o.textContent)`, &classes); err != nil {
		t.Fatal(err)
	}
	if strings.Join(classes, "|") != "0|1|2|3 (new)" {
		t.Errorf("draw classes offered: %q", classes)
	}
	const click = `(() => {
		document.getElementById("draw").click();
		document.getElementById("drawClass").value = "2";
		const svg = document.querySelector("#boundary svg"), b = plotBox(svg), pt = svg.createSVGPoint();
		pt.x = b.x + 0.5 * b.w; pt.y = b.y + 0.9 * b.h;
		const c = pt.matrixTransform(svg.getScreenCTM());
		svg.dispatchEvent(new MouseEvent("click", {clientX: c.x, clientY: c.y, bubbles: true}));
		return true; })()`
	if err := b.Eval(ctx, click, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the point of class 2", `document.getElementById("rows").textContent.startsWith("61 rows") && document.getElementById("layersText").textContent === "2,4,3"`); err != nil {
		t.Fatal(err)
	}
	var drawn string
	if err := b.Eval(ctx, `fetch(document.getElementById("drawCSV").href).then(r => r.text())`, &drawn); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(drawn), "\n")
	if len(lines) != 62 || !strings.HasSuffix(lines[61], ",2") {
		t.Fatalf("drawn.csv: %d lines, the last %q", len(lines), lines[len(lines)-1])
	}
	// Play to the end; run the reproduce line on the downloaded file.
	if err := b.Eval(ctx, `document.getElementById("play").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the run's end", `document.getElementById("stopAt").textContent.includes("done")`); err != nil {
		t.Fatal(err)
	}
	var shown struct {
		Args  []string
		Costs string
	}
	if err := b.Eval(ctx, `fetch("api/download/costs.csv?id=" + run.id).then(r => r.text()).then(c => ({Args: last.args, Costs: c}))`, &shown); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "drawn.csv")
	if err := os.WriteFile(file, []byte(drawn), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"train", "-q"}, shown.Args...)
	for i := range args {
		if args[i] == "-data" && args[i+1] == "drawn.csv" {
			args[i+1] = file
		}
	}
	if !strings.Contains(strings.Join(args, " "), "-layers 2,4,3") {
		t.Errorf("the reproduce line %q has not the three output units", shown.Args)
	}
	args = append(args, "-out", filepath.Join(dir, "run"))
	if code, out, errs := runAnn(args...); code != 0 {
		t.Fatalf("ann %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	costs, err := os.ReadFile(filepath.Join(dir, "run", "costs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(costs) != shown.Costs {
		t.Errorf("ann train -data drawn.csv wrote\n%s\nthe page's costs.csv\n%s", costs, shown.Costs)
	}
	// A point of the new class 3: a fourth output unit.
	if err := b.Eval(ctx, strings.NewReplacer(`document.getElementById("draw").click();`, "", `"2"`, `"3"`, "0.5 * b.w", "0.1 * b.w").Replace(click), nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the point of class 3", `document.getElementById("rows").textContent.startsWith("62 rows") && document.getElementById("rows").textContent.includes("K = 4 classes") &&
		document.getElementById("layersText").textContent === "2,4,4"`); err != nil {
		t.Fatal(err)
	}
}

// Every setting the URL can hold has its control: a link with the
// optimizer's, standardization's and early stopping's settings shows them
// in their controls, and the reproduce line, run with ann train, writes the
// page's costs.csv. A weight typed at iteration 0 shows the note and
// edited.npz, and the reproduce line trains from it with -start.
func TestPlaygroundSettingsInBrowser(t *testing.T) {
	b, ctx, url := startBrowser(t, 1280, 900, 2*time.Minute)
	link := url + "/?n=200&test-fraction=0&layers=2,4,2&optimizer=adam&alpha=0.01&beta1=0.8&standardize=true&early-stopping=true&n-iter-no-change=5&iters=30&speed=0"
	if err := b.Navigate(ctx, link); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the first frame", `document.querySelector("#boundary svg") && document.querySelector("#stepFig svg")`); err != nil {
		t.Fatal(err)
	}
	var c struct {
		Optimizer, Beta1, Beta2, NoChange, Tagline               string
		Standardize, Early, AdamShown, MomentumShown, EarlyShown bool
	}
	if err := b.Eval(ctx, `(() => { const v = (k) => document.querySelector('[data-flag="' + k + '"]');
		return {Optimizer: v("optimizer").value, Beta1: v("beta1").value, Beta2: v("beta2").value, NoChange: v("n-iter-no-change").value,
			Standardize: v("standardize").checked, Early: v("early-stopping").checked, Tagline: document.getElementById("tagline").textContent,
			AdamShown: !document.getElementById("adamOpts").hidden, MomentumShown: !document.getElementById("momentumOpt").hidden, EarlyShown: !document.getElementById("earlyOpts").hidden}; })()`, &c); err != nil {
		t.Fatal(err)
	}
	if c.Optimizer != "adam" || c.Beta1 != "0.8" || c.Beta2 != "0.999" || c.NoChange != "5" || !c.Standardize || !c.Early || !c.AdamShown || c.MomentumShown || !c.EarlyShown ||
		!strings.Contains(c.Tagline, "Adam, early stopping") {
		t.Errorf("the controls of the link's settings: %+v", c)
	}
	// A weight typed at iteration 0, then play to the end.
	if err := b.Eval(ctx, `window.prompt = () => "1.5", document.querySelector('#stepFig line.hit[data-edge="1,2,1"]').dispatchEvent(new MouseEvent("click", {bubbles: true})), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the note of the edit at iteration 0", `document.getElementById("command").textContent.startsWith("# weights edited by hand at iteration 0 (the starting weights)") &&
		!document.querySelector('[data-file="edited.npz"]').hidden && stepInfo.theta[1][1][1] === 1.5`); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(ctx, `document.getElementById("play").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the run's end", `document.getElementById("stopAt").textContent.includes("done")`); err != nil {
		t.Fatal(err)
	}
	var shown struct {
		Args          []string
		Costs         string
		Model, Edited []int
	}
	if err := b.Eval(ctx, `(async () => {
		const get = async (f) => [...new Uint8Array(await (await fetch("api/download/" + f + "?id=" + run.id)).arrayBuffer())];
		return {Args: last.args, Costs: await (await fetch("api/download/costs.csv?id=" + run.id)).text(), Model: await get("model.npz"), Edited: await get("edited.npz")};
	})()`, &shown); err != nil {
		t.Fatal(err)
	}
	cmd := strings.Join(shown.Args, " ")
	for _, want := range []string{"-optimizer adam", "-beta1 0.8", "-standardize", "-early-stopping", "-n-iter-no-change 5", "-start edited.npz"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("the reproduce line %q has no %s", cmd, want)
		}
	}
	dir := t.TempDir()
	bytesOf := func(v []int) []byte {
		out := make([]byte, len(v))
		for i, x := range v {
			out[i] = byte(x)
		}
		return out
	}
	edited := filepath.Join(dir, "edited.npz")
	if err := os.WriteFile(edited, bytesOf(shown.Edited), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"train", "-q"}, shown.Args...)
	for i := range args {
		if args[i] == "-start" {
			args[i+1] = edited
		}
	}
	args = append(args, "-out", filepath.Join(dir, "run"))
	if code, out, errs := runAnn(args...); code != 0 {
		t.Fatalf("ann %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	for name, want := range map[string][]byte{"costs.csv": []byte(shown.Costs), "model.npz": bytesOf(shown.Model)} {
		got, err := os.ReadFile(filepath.Join(dir, "run", name))
		if err != nil || string(got) != string(want) {
			t.Errorf("ann train with the reproduce line: %s differs from the page's (%v)", name, err)
		}
	}
	// A control changes the link: momentum drops Adam's settings from it.
	var share string
	if err := b.Eval(ctx, `(() => { const s = document.querySelector('[data-flag="optimizer"]'); s.value = "momentum"; s.dispatchEvent(new Event("change"));
		return document.getElementById("share").value; })()`, &share); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(share, "optimizer=momentum") || strings.Contains(share, "beta1") {
		t.Errorf("the link after choosing momentum: %s", share)
	}
}

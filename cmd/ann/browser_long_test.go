//go:build long

package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ann-go/ann/internal/cdp"
	"github.com/ann-go/ann/internal/golden"
)

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
			if (r.Steps[n].includes("gradients")) for (const e of document.querySelectorAll("#stepFig line[data-edge]")) r.Edges[e.dataset.edge] = e.querySelector("title").textContent;
			document.getElementById("stepNext").click();
		}
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
		png, err := b.Screenshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "figures", "playground-step.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	D1 := traceSection(t, out, "D^(1) = (1/m)")[1:]
	for j := 1; j <= 3; j++ {
		for i := 1; i <= 2; i++ {
			title := shown.Edges[fmt.Sprintf("1,%d,%d", j, i)]
			if want := fmt.Sprintf("D^(1)_%d,%d = %s", j, i, D1[j-1][i+1]); !strings.Contains(title, want) {
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
	if err := b.WaitFor(ctx, "the edited edge", `document.querySelector('#stepFig line[data-edge="1,2,1"] title').textContent.startsWith("Θ^(1)_2,1 = 0.750000") &&
		document.getElementById("command").textContent.startsWith("# weights edited by hand at iteration 1")`); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(ctx, `window.prompt = () => "-0.5", document.querySelector('#stepFig g[data-unit="3,1"]').dispatchEvent(new MouseEvent("click", {bubbles: true})), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the edited bias", `document.querySelector('#stepFig g[data-unit="3,1"] > title').textContent.includes("bias weight Θ^(2)_1,0 = -0.500000")`); err != nil {
		t.Fatal(err)
	}
	// A feature input: the first layer grows by one unit, and the run and
	// its step-through follow.
	if err := b.Eval(ctx, `document.querySelector('#features input[value="x1*x2"]').click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitFor(ctx, "the run with x1*x2", `document.getElementById("layersText").textContent === "3,3,2" && document.getElementById("error").hidden &&
		document.querySelectorAll('#stepFig g[data-unit^="1,"]').length === 3`); err != nil {
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

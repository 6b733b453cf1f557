package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

// A weight typed by hand is the run's weight, before the first iteration
// (the starting weights) as after one: J then is network.Cost of the
// downloaded model.npz's Θ on the training rows, /api/step's J of an example
// is ann trace -model model.npz's, edited.npz holds the same weights, the
// frame says the weights were edited, and the next iteration starts from
// them. A reset goes back to the initial weights.
func TestServeEdit(t *testing.T) {
	t.Parallel()
	pg := newPlayground(playLimits)
	srv := httptest.NewServer(pg)
	t.Cleanup(srv.Close)
	p := openPage(t, srv, url.Values{"layers": {"2,3,2"}, "lambda": {"0.1"}})
	s, err := p.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	pg.mu.Lock()
	setup := pg.runs[p.id].setup
	pg.mu.Unlock()
	edit := func(v url.Values) (int, string) {
		v.Set("id", p.id)
		return post(t, srv, "/api/edit?"+v.Encode(), nil, "", nil)
	}
	first := s.until(t, "iteration 0", func(f frame) bool { return f.Iter == 0 && f.State == "ready" })
	if first.Edited != "" || first.Cost != nil || first.Command != "" {
		t.Errorf("the first frame: note %q, J %v, command %q; want none", first.Edited, first.Cost, first.Command)
	}
	if code, body := get(t, srv, "/api/download/"+editedFile+"?id="+p.id); code != http.StatusConflict || !strings.Contains(string(body), "no weight edited by hand") {
		t.Errorf("%s before any edit: %d %q, want 409 and why", editedFile, code, body)
	}

	// At iteration 0, the starting weights.
	if code, body := edit(url.Values{"l": {"1"}, "row": {"1"}, "col": {"0"}, "value": {"1"}}); code != http.StatusNoContent {
		t.Fatalf("POST /api/edit at iteration 0: %d %q", code, body)
	}
	f0 := s.until(t, "the edit at iteration 0", func(f frame) bool { return f.Edited != "" })
	if f0.Iter != 0 || f0.State != "ready" || f0.Command != "" ||
		!strings.Contains(f0.Edited, "weights edited by hand at iteration 0 (the starting weights)") || !strings.Contains(f0.Edited, "bit for bit") {
		t.Errorf("the frame of the edit at iteration 0: iteration %d, %s, command %q, note %q", f0.Iter, f0.State, f0.Command, f0.Edited)
	}
	J0 := checkEdited(t, srv, p.id, setup, f0, 1, 1, 0, 1)

	// Training starts from them: iteration 1's J is theirs.
	p.control("step")
	before := s.until(t, "iteration 1, paused", func(f frame) bool { return f.Iter == 1 && f.State == "paused" })
	if before.Cost == nil || math.Abs(*before.Cost-J0) > 1e-12*J0 || !strings.Contains(before.Edited, "at iteration 0") {
		t.Errorf("iteration 1: J %v, want %v (the edited starting weights'); note %q", before.Cost, J0, before.Edited)
	}

	// At iteration 1.
	if code, body := edit(url.Values{"l": {"1"}, "row": {"2"}, "col": {"0"}, "value": {"0.75"}}); code != http.StatusNoContent {
		t.Fatalf("POST /api/edit: %d %q", code, body)
	}
	f := s.until(t, "the edited frame", func(f frame) bool { return strings.Contains(f.Edited, "at iteration 1") })
	if f.Iter != 1 || !strings.Contains(f.Edited, "ann trace -model model.npz") || f.Command != "" {
		t.Errorf("edited frame: iteration %d, note %q, command %q", f.Iter, f.Edited, f.Command)
	}
	J := checkEdited(t, srv, p.id, setup, f, 1, 2, 0, 0.75)
	if *before.Cost == J {
		t.Errorf("J after the edit %v is J before it", J)
	}

	// Training continues from the edited weights: iteration 2's J is theirs.
	p.control("step")
	next := s.until(t, "iteration 2", func(f frame) bool { return f.Iter == 2 && f.State == "paused" })
	if next.Cost == nil || math.Abs(*next.Cost-J) > 1e-12*J || next.Edited == "" || !strings.Contains(next.Command, "-start "+editedFile+" -iters 1 ") {
		t.Errorf("iteration 2: J %v, want %v (the edited weights'); note %q; command %q", next.Cost, J, next.Edited, next.Command)
	}
	p.control("reset")
	s.until(t, "the reset", func(f frame) bool { return f.Iter == 0 && f.Edited == "" })
	code, npz := get(t, srv, "/api/download/model.npz?id="+p.id)
	if code != 200 {
		t.Fatalf("model.npz after the reset: %d %s", code, npz)
	}
	m, err := model.Read(bytes.NewReader(npz), int64(len(npz)))
	if err != nil {
		t.Fatal(err)
	}
	if init := setup.nf.network(); !slices.Equal(m.Net.Theta[1].Data, init.Theta[1].Data) {
		t.Errorf("after the reset model.npz holds Θ^(1) %v, want the initial weights %v", m.Net.Theta[1].Data, init.Theta[1].Data)
	}
}

// checkEdited checks the frame f right after the weight Θ^(l)_{row,col} of
// the run id was set to value: model.npz and edited.npz hold it, f's J is
// network.Cost of model.npz's weights, and /api/step's J of example 0 is ann
// trace -model model.npz's. It returns J.
func checkEdited(t *testing.T, srv *httptest.Server, id string, setup *playSetup, f frame, l, row, col int, value float64) float64 {
	t.Helper()
	code, npz := get(t, srv, "/api/download/model.npz?id="+id)
	if code != 200 {
		t.Fatalf("model.npz: %d %s", code, npz)
	}
	if code, ed := get(t, srv, "/api/download/"+editedFile+"?id="+id); code != 200 || !bytes.Equal(ed, npz) {
		t.Errorf("%s right after the edit: %d, %d bytes; want 200 and model.npz's %d bytes", editedFile, code, len(ed), len(npz))
	}
	m, err := model.Read(bytes.NewReader(npz), int64(len(npz)))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Net.Theta[l].At(row-1, col); got != value {
		t.Errorf("model.npz Θ^(%d)_%d,%d = %v, want %v", l, row, col, got, value)
	}
	Xtrain, ytrain := dataset.Rows(setup.ds.X, setup.ds.y, setup.trainIdx)
	S, err := m.Standardize(Xtrain)
	if err != nil {
		t.Fatal(err)
	}
	J := network.Cost(m.Net, S, ytrain, setup.nf.lambda)
	if f.Cost == nil || *f.Cost != J {
		t.Errorf("iteration %d: J after the edit %v, network.Cost of model.npz %v", f.Iter, f.Cost, J)
	}
	// One example's J is ann trace -model's.
	code, body := get(t, srv, "/api/step?id="+id+"&example=0")
	if code != 200 {
		t.Fatalf("GET /api/step: %d %s", code, body)
	}
	var st stepInfo
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.npz")
	if err := os.WriteFile(path, npz, 0o644); err != nil {
		t.Fatal(err)
	}
	rc, out, errs := runAnn("trace", "-lambda", fmt.Sprint(setup.nf.lambda), "-model", path, "-example", "0")
	if rc != 0 {
		t.Fatal(errs)
	}
	traced := regexp.MustCompile(`(?m)^J = .* = (\S+)`).FindStringSubmatch(out)
	if traced == nil || traced[1] != fmt.Sprintf("%.6f", st.J) || st.Theta[l][row-1][col] != value || st.Iter != f.Iter {
		t.Errorf("step at iteration %d: J %.6f, Θ^(%d)_%d,%d %v; ann trace -model: %v", st.Iter, st.J, l, row, col, st.Theta[l][row-1][col], traced)
	}
	return J
}

// After an edit, at iteration 0 or later, the frame's command line with the
// downloaded edited.npz reproduces the run: with batch gradient descent,
// ann train -start edited.npz -iters <the iterations since> writes the
// playground's model.npz byte for byte and its costs since the edit (held
// out too). With momentum and mini-batches, or Adam, an edit at iteration 0
// is reproduced as well (the velocities and moments start at 0, the shuffle
// at its seed), and a later one is not, which the note says.
func TestServeEditReproduces(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	for _, tc := range []struct {
		form  url.Values
		edits []int // the iterations at which a weight is edited
		end   int   // the iteration the run is stepped to
		same  bool  // reproduced bit for bit
	}{
		{url.Values{"n": {"300"}, "layers": {"2,4,2"}, "lambda": {"0.01"}, "test-fraction": {"0.3"}, "seed": {"2"}, "iters": {"50"}}, []int{0, 5}, 9, true},
		{url.Values{"n": {"200"}, "layers": {"2,3,2"}, "momentum": {"0.9"}, "batch": {"64"}, "init": {"text"}, "iters": {"50"}}, []int{0}, 4, true},
		{url.Values{"n": {"200"}, "layers": {"2,3,2"}, "optimizer": {"adam"}, "alpha": {"0.05"}, "iters": {"50"}}, []int{0}, 3, true},
		{url.Values{"n": {"200"}, "layers": {"2,3,2"}, "momentum": {"0.9"}, "iters": {"50"}}, []int{0, 2}, 4, false},
	} {
		p := openPage(t, srv, tc.form)
		s, err := p.events(context.Background(), srv.Client())
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		iter := 0
		var f frame // the frame of tc.end, at the end
		for k, at := range append(tc.edits, tc.end) {
			for ; iter < at; iter++ {
				p.control("step")
			}
			want := at
			f = s.until(t, fmt.Sprintf("iteration %d", at), func(f frame) bool { return f.Iter == want && f.State != "playing" })
			if k == len(tc.edits) {
				break
			}
			v := url.Values{"id": {p.id}, "l": {"1"}, "row": {"1"}, "col": {fmt.Sprint(k % 3)}, "value": {fmt.Sprint(0.5 + float64(k))}}
			if code, body := post(t, srv, "/api/edit?"+v.Encode(), nil, "", nil); code != http.StatusNoContent {
				t.Fatalf("%v: POST /api/edit at iteration %d: %d %q", tc.form, at, code, body)
			}
			s.until(t, "the edited frame", func(f frame) bool {
				return strings.Contains(f.Edited, fmt.Sprintf("at iteration %d", want))
			})
		}
		last := tc.edits[len(tc.edits)-1]
		code, ed := get(t, srv, "/api/download/"+editedFile+"?id="+p.id)
		if code != 200 {
			t.Fatalf("%s: %d %s", editedFile, code, ed)
		}
		_, npz := get(t, srv, "/api/download/model.npz?id="+p.id)
		_, costs := get(t, srv, "/api/download/costs.csv?id="+p.id)
		_, rj := get(t, srv, "/api/download/run.json?id="+p.id)
		s.close()
		if f.Iter != tc.end || !strings.Contains(f.Command, fmt.Sprintf("-start %s -iters %d -out run", editedFile, tc.end-last)) {
			t.Fatalf("%v: iteration %d, command %q", tc.form, f.Iter, f.Command)
		}
		if !strings.Contains(string(rj), fmt.Sprintf(`"edited": {
    "iteration": %d,
    "start": "edited.npz",
    "iterations_since": %d`, last, tc.end-last)) {
			t.Errorf("%v: run.json does not record the edit:\n%s", tc.form, rj)
		}
		if strings.Contains(f.Edited, "bit for bit") != tc.same || strings.Contains(f.Edited, "momentum's velocities") == tc.same {
			t.Errorf("%v: the note %q; want it to say whether the command reproduces the run (%v)", tc.form, f.Edited, tc.same)
		}
		// Both model files say which weights were typed by hand, and when.
		var want []model.Edit
		for k, at := range tc.edits {
			want = append(want, model.Edit{Iteration: at, Layer: 1, Row: 1, Col: k % 3, Value: 0.5 + float64(k)})
		}
		for name, file := range map[string][]byte{editedFile: ed, "model.npz": npz} {
			m, err := model.Read(bytes.NewReader(file), int64(len(file)))
			if err != nil {
				t.Fatalf("%v: %s: %v", tc.form, name, err)
			}
			if !slices.Equal(m.Edits, want) {
				t.Errorf("%v: %s records the edits %v, want %v", tc.form, name, m.Edits, want)
			}
		}
		start := filepath.Join(dir, editedFile)
		os.WriteFile(start, ed, 0o644)
		args := []string{"train", "-q", "-out", filepath.Join(dir, "run")}
		for _, a := range f.Args {
			if a == editedFile {
				a = start
			}
			args = append(args, a)
		}
		if code, _, errs := runAnn(args...); code != 0 {
			t.Fatalf("ann %v: %d %s", args, code, errs)
		}
		trained := readOut(t, dir, "run", "model.npz")
		if (trained == string(npz)) != tc.same {
			t.Errorf("%v: model.npz of ann %v equals the playground's: %v, want %v", tc.form, args, trained == string(npz), tc.same)
		}
		// The costs since the edit, iteration last+i of the run, are
		// iteration i of ann train -start's.
		pc := strings.Split(strings.TrimSpace(string(costs)), "\n")
		tcs := strings.Split(strings.TrimSpace(readOut(t, dir, "run", "costs.csv")), "\n")
		if len(pc) != tc.end+1 || len(tcs) != tc.end-last+1 || pc[0] != tcs[0] {
			t.Fatalf("%v: costs.csv of %d and %d lines, headers %q %q", tc.form, len(pc), len(tcs), pc[0], tcs[0])
		}
		for i := 1; i < len(tcs); i++ {
			_, a, _ := strings.Cut(pc[last+i], ",")
			_, b, _ := strings.Cut(tcs[i], ",")
			if (a == b) != (tc.same || i == 1) { // the first cost is the edited weights', in any case
				t.Errorf("%v: the run's costs at iteration %d %s, ann train -start's at %d %s", tc.form, last+i, a, i, b)
			}
		}
	}
}

// Bad edits get a 4xx and one line that says what is wrong.
func TestServeEditBad(t *testing.T) {
	t.Parallel()
	_, base := listenPlayground(t, playLimits, serveTimeouts, "127.0.0.1")
	client := &http.Client{}
	code, body := do(t, client, "POST", base+"/api/run", "", nil, "layers=2,3,2")
	if code != 200 {
		t.Fatalf("POST /api/run: %d %s", code, body)
	}
	var info runInfo
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		t.Fatal(err)
	}
	if code, body := do(t, client, "POST", base+"/api/control?id="+info.ID+"&op=step", "", nil, ""); code != http.StatusNoContent {
		t.Fatalf("step: %d %s", code, body)
	}
	waitFor(t, "the step", func() bool {
		code, _ := do(t, client, "GET", base+"/api/download/costs.csv?id="+info.ID, "", nil, "")
		return code == 200
	})
	for _, tc := range []struct {
		method, query string
		header        map[string]string
		code          int
		want          string
	}{
		{"POST", "l=1&row=1&col=0&value=NaN", nil, 400, `value "NaN": want a finite number`},
		{"POST", "l=1&row=1&col=0&value=Inf", nil, 400, `value "Inf": want a finite number`},
		{"POST", "l=1&row=1&col=0&value=", nil, 400, `value "": want a finite number`},
		{"POST", "l=0&row=1&col=0&value=1", nil, 400, `l "0": want a layer from 1 to 2`},
		{"POST", "l=3&row=1&col=0&value=1", nil, 400, `l "3": want a layer from 1 to 2`},
		{"POST", "l=1&row=0&col=0&value=1", nil, 400, `row "0": want a unit of layer 2, from 1 to 3`},
		{"POST", "l=2&row=3&col=0&value=1", nil, 400, `row "3": want a unit of layer 3, from 1 to 2`},
		{"POST", "l=1&row=1&col=-1&value=1", nil, 400, `col "-1": want a unit of layer 1, from 0 (the bias) to 2`},
		{"POST", "l=2&row=1&col=4&value=1", nil, 400, `col "4": want a unit of layer 2, from 0 (the bias) to 3`},
		{"GET", "l=1&row=1&col=0&value=1", nil, 405, ""},
		{"POST", "l=1&row=1&col=0&value=1", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "cross-origin request that would change a run is refused"},
	} {
		code, body := do(t, client, tc.method, base+"/api/edit?id="+info.ID+"&"+tc.query, "", tc.header, "")
		if code != tc.code || !strings.Contains(body, tc.want) || strings.Count(strings.TrimSpace(body), "\n") != 0 {
			t.Errorf("%s /api/edit?%s: %d %q, want %d and one line with %q", tc.method, tc.query, code, body, tc.code, tc.want)
		}
	}
	if code, body := do(t, client, "POST", base+"/api/edit?id=nosuchrun&l=1&row=1&col=0&value=1", "", nil, ""); code != 404 {
		t.Errorf("an edit of no run: %d %q, want 404", code, body)
	}
	// None of the bad edits changed the weights.
	code, npz := do(t, client, "GET", base+"/api/download/model.npz?id="+info.ID, "", nil, "")
	if code != 200 {
		t.Fatalf("model.npz: %d", code)
	}
	m, err := model.Read(strings.NewReader(npz), int64(len(npz)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Net.Theta[1].At(0, 0) == 1 {
		t.Errorf("a refused edit set Θ^(1)_1,0 to 1")
	}
}

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
	"strings"
	"testing"

	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

// A weight typed by hand is the run's weight: J then is network.Cost of the
// downloaded model.npz's Θ on the training rows, /api/step's J of an example
// is ann trace -model model.npz's, the frame says the weights were edited,
// and the next iteration starts from them.
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
	edit := func(v url.Values) (int, string) {
		v.Set("id", p.id)
		return post(t, srv, "/api/edit?"+v.Encode(), nil, "", nil)
	}
	if code, body := edit(url.Values{"l": {"1"}, "row": {"1"}, "col": {"0"}, "value": {"1"}}); code != http.StatusConflict || !strings.Contains(body, "press +1 first") {
		t.Errorf("an edit before the first iteration: %d %q, want 409 and why", code, body)
	}
	p.control("step")
	before := s.until(t, "iteration 1, paused", func(f frame) bool { return f.Iter == 1 && f.State == "paused" })
	if before.Edited != "" {
		t.Fatalf("a frame before any edit says %q", before.Edited)
	}
	if code, body := edit(url.Values{"l": {"1"}, "row": {"2"}, "col": {"0"}, "value": {"0.75"}}); code != http.StatusNoContent {
		t.Fatalf("POST /api/edit: %d %q", code, body)
	}
	f := s.until(t, "the edited frame", func(f frame) bool { return f.Edited != "" })
	if f.Iter != 1 || !strings.Contains(f.Edited, "weights edited by hand at iteration 1") || !strings.Contains(f.Edited, "ann trace -model model.npz") {
		t.Errorf("edited frame: iteration %d, note %q", f.Iter, f.Edited)
	}
	code, npz := get(t, srv, "/api/download/model.npz?id="+p.id)
	if code != 200 {
		t.Fatalf("model.npz: %d %s", code, npz)
	}
	m, err := model.Read(bytes.NewReader(npz), int64(len(npz)))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Net.Theta[1].At(1, 0); got != 0.75 {
		t.Errorf("model.npz Θ^(1)_2,0 = %v, want 0.75", got)
	}
	pg.mu.Lock()
	setup := pg.runs[p.id].setup
	pg.mu.Unlock()
	Xtrain, ytrain := dataset.Rows(setup.ds.X, setup.ds.y, setup.trainIdx)
	S, err := m.Standardize(Xtrain)
	if err != nil {
		t.Fatal(err)
	}
	J := network.Cost(m.Net, S, ytrain, 0.1)
	if f.Cost == nil || *f.Cost != J || *before.Cost == J {
		t.Errorf("J after the edit %v, network.Cost of model.npz %v, before the edit %v: want the edit's J, changed", f.Cost, J, *before.Cost)
	}

	// One example's J is ann trace -model's.
	code, body := get(t, srv, "/api/step?id="+p.id+"&example=0")
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
	rc, out, errs := runAnn("trace", "-lambda", "0.1", "-model", path, "-example", "0")
	if rc != 0 {
		t.Fatal(errs)
	}
	traced := regexp.MustCompile(`(?m)^J = .* = (\S+)`).FindStringSubmatch(out)
	if traced == nil || traced[1] != fmt.Sprintf("%.6f", st.J) || st.Theta[1][1][0] != 0.75 {
		t.Errorf("step J %.6f, Θ^(1)_2,0 %v; ann trace -model: %v", st.J, st.Theta[1][1][0], traced)
	}

	// Training continues from the edited weights: iteration 2's J is theirs.
	p.control("step")
	next := s.until(t, "iteration 2", func(f frame) bool { return f.Iter == 2 && f.State == "paused" })
	if next.Cost == nil || math.Abs(*next.Cost-J) > 1e-12*J || next.Edited == "" {
		t.Errorf("iteration 2: J %v, want %v (the edited weights'); note %q", next.Cost, J, next.Edited)
	}
	p.control("reset")
	s.until(t, "the reset", func(f frame) bool { return f.Iter == 0 && f.Edited == "" })
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

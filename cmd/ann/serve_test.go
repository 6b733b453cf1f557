package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// A test client of the playground: one page.
type page struct {
	t   *testing.T
	srv *httptest.Server
	id  string
}

// newServer starts a playground with the given limits.
func newServer(t *testing.T, lim limits) *httptest.Server {
	srv := httptest.NewServer(newPlayground(lim))
	t.Cleanup(srv.Close)
	return srv
}

// post posts a form (and a file, if name is not "") and returns the status
// and body.
func post(t *testing.T, srv *httptest.Server, path string, form url.Values, fileName string, file []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	ctype := "application/x-www-form-urlencoded"
	if fileName != "" {
		mw := multipart.NewWriter(&body)
		for k, vs := range form {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
		mw.Close()
		ctype = mw.FormDataContentType()
	} else {
		body.WriteString(form.Encode())
	}
	resp, err := srv.Client().Post(srv.URL+path, ctype, &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, srv *httptest.Server, path string) (int, []byte) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// openPage starts a run of the settings.
func openPage(t *testing.T, srv *httptest.Server, form url.Values) *page {
	t.Helper()
	p, err := tryOpenPage(t, srv, form)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// tryOpenPage is openPage for goroutines other than the test's.
func tryOpenPage(t *testing.T, srv *httptest.Server, form url.Values) (*page, error) {
	resp, err := srv.Client().PostForm(srv.URL+"/api/run", form)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("POST /api/run %v: %d %s", form, resp.StatusCode, body)
	}
	var info runInfo
	if err := json.Unmarshal(body, &info); err != nil {
		return nil, err
	}
	return &page{t: t, srv: srv, id: info.ID}, nil
}

// signal posts a control signal.
func (p *page) signal(op string) error {
	resp, err := p.srv.Client().Post(p.srv.URL+"/api/control?id="+p.id+"&op="+op, "", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("control %s: %d %s", op, resp.StatusCode, b)
	}
	return nil
}

func (p *page) control(op string) {
	p.t.Helper()
	if err := p.signal(op); err != nil {
		p.t.Fatal(err)
	}
}

// stream is an open event stream.
type stream struct {
	sc     *bufio.Scanner
	body   io.ReadCloser
	cancel context.CancelFunc
}

func (p *page) events(ctx context.Context, client *http.Client) (*stream, error) {
	ctx, cancel := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(ctx, "GET", p.srv.URL+"/api/events?id="+p.id, nil)
	resp, err := client.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		return nil, fmt.Errorf("GET /api/events: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 64<<20)
	return &stream{sc: sc, body: resp.Body, cancel: cancel}, nil
}

func (s *stream) close() {
	s.cancel()
	s.body.Close()
}

// next returns the next frame.
func (s *stream) next() (frame, error) {
	var f frame
	event := ""
	for s.sc.Scan() {
		line := s.sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && event == "frame":
			return f, json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &f)
		}
	}
	if err := s.sc.Err(); err != nil {
		return f, err
	}
	return f, io.EOF
}

// until returns the first frame for which ok holds.
func (s *stream) until(t *testing.T, what string, ok func(frame) bool) frame {
	t.Helper()
	for {
		f, err := s.next()
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok(f) {
			return f
		}
	}
}

// A run in the playground equals ann train with the command line the page
// shows: the same files, byte for byte, whether the run stopped at -iters or
// was paused (here after three steps).
func TestServeEqualsTrain(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	setups := []url.Values{
		{"data": {"moons"}, "n": {"300"}, "noise": {"0.2"}, "data-seed": {"3"}, "layers": {"2,5,5,2"}, "seed": {"1"},
			"alpha": {"0.5"}, "iters": {"40"}, "test-fraction": {"0.5"}, "split-seed": {"2"}},
		{"data": {"spiral"}, "n": {"200"}, "layers": {"2,8,2"}, "activation": {"tanh"}, "init": {"text"},
			"alpha": {"0.1"}, "lambda": {"0.01"}, "batch": {"32"}, "momentum": {"0.9"}, "shuffle-seed": {"7"}, "iters": {"15"}},
		{"data": {"circles"}, "n": {"150"}, "factor": {"0.5"}, "first": {"100"}, "layers": {"2,4,2"}, "iters": {"25"}},
		{"data": {"xor"}, "n": {"200"}, "noise": {"0.05"}, "features": {"x1,x2,x1*x2"}, "layers": {"3,2"}, "iters": {"30"}},
		{"n": {"200"}, "layers": {"2,4,2"}, "optimizer": {"adam"}, "alpha": {"0.05"}, "beta1": {"0.8"}, "beta2": {"0.99"}, "epsilon": {"1e-7"},
			"standardize": {"true"}, "test-fraction": {"0.25"}, "iters": {"20"}},
		{"n": {"200"}, "layers": {"2,4,2"}, "optimizer": {"momentum"}, "momentum": {"0.5"}, "standardize": {"false"}, "iters": {"12"}},
		// Early stopping: one that stops at iteration 4 of 40, one whose best
		// iteration is the first, so that paused at 3 the files hold the
		// weights of iteration 1, as ann train -iters 3 keeps them, and one
		// that runs to the end.
		{"n": {"300"}, "layers": {"2,3,2"}, "early-stopping": {"true"}, "validation-fraction": {"0.2"}, "n-iter-no-change": {"3"}, "tol": {"0.1"},
			"seed": {"5"}, "test-fraction": {"0.2"}, "iters": {"40"}},
		{"n": {"300"}, "layers": {"2,3,2"}, "alpha": {"10"}, "early-stopping": {"true"}, "n-iter-no-change": {"5"}, "iters": {"25"}},
		{"n": {"300"}, "layers": {"2,3,2"}, "early-stopping": {"true"}, "n-iter-no-change": {"50"}, "tol": {"0"}, "iters": {"25"}},
	}
	for _, form := range setups {
		for _, stepped := range []bool{false, true} {
			p := openPage(t, srv, form)
			s, err := p.events(context.Background(), srv.Client())
			if err != nil {
				t.Fatal(err)
			}
			var last frame
			if stepped {
				for range 3 {
					p.control("step")
				}
				last = s.until(t, "iteration 3", func(f frame) bool { return f.Iter == 3 && f.State == "paused" })
			} else {
				p.control("play")
				last = s.until(t, "the end", func(f frame) bool { return f.State == "done" })
			}
			if last.Iter == 0 || last.Args == nil || !strings.HasPrefix(last.Command, "ann train ") {
				t.Fatalf("%v: the last frame has iteration %d, args %q, command %q", form, last.Iter, last.Args, last.Command)
			}
			dir := t.TempDir()
			args := append(append([]string{"train"}, last.Args...), "-q", "-out", dir)
			if code, _, errs := runAnn(args...); code != 0 {
				t.Fatalf("ann %v: %s", args, errs)
			}
			for _, name := range []string{"costs.csv", "model.npz", "run.json", "cost.svg", "boundary.svg"} {
				code, got := get(t, srv, "/api/download/"+name+"?id="+p.id)
				if code != http.StatusOK {
					t.Fatalf("download %s: %d %s", name, code, got)
				}
				want, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("ann %s: %s differs from the playground's (%d and %d bytes)", strings.Join(args, " "), name, len(want), len(got))
				}
			}
			s.close()
		}
	}
}

// The trace of an example at iteration 0 is ann trace's, for the same flags.
func TestServeTrace(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	form := url.Values{"n": {"50"}, "seed": {"4"}, "lambda": {"0.5"}}
	p := openPage(t, srv, form)
	code, got := get(t, srv, "/api/trace?id="+p.id+"&example=7")
	if code != http.StatusOK {
		t.Fatalf("trace: %d %s", code, got)
	}
	code, want, errs := runAnn("trace", "-n", "50", "-seed", "4", "-lambda", "0.5", "-example", "7")
	if code != 0 {
		t.Fatal(errs)
	}
	// Past the first line, which says where the weights come from.
	_, g, _ := strings.Cut(string(got), "\n\n")
	_, w, _ := strings.Cut(want, "\n\n")
	if g != w || !strings.Contains(w, "δ") {
		t.Errorf("the playground's trace differs from ann trace's:\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(string(got), "ann trace: example 7 of the 50 in moons (counting from 0), with the initial weights") {
		t.Errorf("trace header: %q", strings.SplitN(string(got), "\n", 2)[0])
	}
}

// Every bad setting, upload, signal and request is a 4xx with a clear
// message, and the server keeps serving.
func TestServeBadRequests(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	goodCSV := "x1,x2,label\n0,0,0\n1,1,1\n0.5,0.2,0\n0.1,0.9,1\n"
	var many strings.Builder
	for i := range 5001 {
		fmt.Fprintf(&many, "%d,%d,%d\n", i, i, i%2)
	}
	big := strings.Repeat("0.125,0.25,0\n0.5,0.75,1\n", 50000)
	tests := []struct {
		form     url.Values
		fileName string
		file     string
		want     string
	}{
		{url.Values{"n": {"100000"}}, "", "", "-n 100000: want from 1 to 5000 examples in the playground"},
		{url.Values{"n": {"0"}}, "", "", "-n 0: want from 1 to"},
		{url.Values{"n": {"ten"}}, "", "", `invalid value "ten" for flag -n`},
		{url.Values{"noise": {"-1"}}, "", "", "-noise -1: want a finite number >= 0"},
		{url.Values{"noise": {"1e308"}, "n": {"5"}}, "", "", "-noise 1e+308: the data has features that are not finite numbers"},
		{url.Values{"factor": {"1.5"}, "data": {"circles"}}, "", "", "-factor 1.5: want a number in [0, 1)"},
		{url.Values{"layers": {"2,50,2"}}, "", "", "-layers 2,50,2: want at most 32 units per hidden layer in the playground"},
		{url.Values{"layers": {"2,3,3,3,3,3,3,3,2"}}, "", "", "-layers 2,3,3,3,3,3,3,3,2: want at most 6 hidden layers in the playground"},
		{url.Values{"layers": {"3,5,2"}}, "", "", "-layers 3,5,2: the input layer has 3 units but the data has 2 features"},
		{url.Values{"layers": {"2,5,3"}}, "", "", "the output layer has 3 units but the data has 2 classes"},
		{url.Values{"layers": {"2,x,2"}}, "", "", `"x" is not a layer size`},
		{url.Values{"iters": {"2000000"}}, "", "", "-iters 2000000: want from 1 to 1000000 iterations in the playground"},
		{url.Values{"iters": {"0"}}, "", "", "-iters 0: want at least 1 iteration"},
		{url.Values{"alpha": {"-1"}}, "", "", "-alpha -1: want a finite number > 0"},
		{url.Values{"alpha": {"NaN"}}, "", "", "-alpha NaN: want a finite number > 0"},
		{url.Values{"lambda": {"Inf"}}, "", "", "-lambda +Inf: want a finite number >= 0"},
		{url.Values{"momentum": {"1"}}, "", "", "-momentum 1: want a number in [0, 1)"},
		{url.Values{"batch": {"-2"}}, "", "", "-batch -2: want 0 (all examples) or a positive size"},
		{url.Values{"seed": {"-1"}}, "", "", "want an integer from 0 to 4294967295"},
		{url.Values{"optimizer": {"sgd"}}, "", "", "-optimizer sgd: want gd, momentum or adam"},
		{url.Values{"optimizer": {"adam"}, "beta1": {"1"}}, "", "", "-beta1 1: want a number in [0, 1)"},
		{url.Values{"optimizer": {"adam"}, "beta2": {"-0.5"}}, "", "", "-beta2 -0.5: want a number in [0, 1)"},
		{url.Values{"optimizer": {"adam"}, "epsilon": {"NaN"}}, "", "", "-epsilon NaN:"},
		{url.Values{"beta1": {"0.5"}}, "", "", "-beta1 0.5: only for optimizer adam"},
		{url.Values{"optimizer": {"momentum"}, "momentum": {"1"}}, "", "", "-momentum 1: want a number in [0, 1)"},
		{url.Values{"standardize": {"yes"}}, "", "", `invalid boolean value "yes" for -standardize`},
		{url.Values{"early-stopping": {"maybe"}}, "", "", `invalid boolean value "maybe" for -early-stopping`},
		{url.Values{"early-stopping": {"true"}, "validation-fraction": {"1.5"}}, "", "", "-validation-fraction 1.5: want a fraction between 0 and 1"},
		{url.Values{"early-stopping": {"true"}, "n-iter-no-change": {"0"}}, "", "", "-n-iter-no-change 0: want at least 1 iteration"},
		{url.Values{"early-stopping": {"true"}, "tol": {"-1"}}, "", "", "-tol -1: want a finite number >= 0"},
		{url.Values{"validation-fraction": {"0.3"}}, "", "", "-validation-fraction 0.3: only with early stopping"},
		{url.Values{"early-stopping": {"true"}, "n": {"4"}}, "", "", "-validation-fraction 0.1: cannot set aside a stratified validation set of 4 examples"},
		{url.Values{"activation": {"softmax"}}, "", "", "-activation:"},
		{url.Values{"init": {"zeros"}}, "", "", `-init "zeros": want code or text`},
		{url.Values{"test-fraction": {"1.5"}}, "", "", "-test-fraction 1.5: want a fraction between 0 and 1"},
		{url.Values{"test-fraction": {"0.5"}, "first": {"10"}}, "", "", "-first and -test-fraction both choose the training rows"},
		{url.Values{"first": {"5000"}, "n": {"100"}}, "", "", "-first 5000: the data set has only 100 rows"},
		{url.Values{"first": {"-1"}}, "", "", "-first -1: want 0 (all rows) or a positive count"},
		{url.Values{"data": {"a.csv"}, "first": {"-1"}}, "a.csv", goodCSV, "-first -1: want 0 (all rows) or a positive count"},
		{url.Values{"bogus": {"1"}}, "", "", `unknown setting "bogus"`},
		{url.Values{"out": {"/tmp"}}, "", "", `unknown setting "out"`},
		{url.Values{"n": {"10", "20"}}, "", "", "-n is given 2 times"},
		{url.Values{"data": {"mnist"}}, "", "", `-data "mnist": want moons, circles, xor, spiral, or a CSV file`},
		{url.Values{"data": {"/etc/passwd.csv"}}, "", "", "-data /etc/passwd.csv: upload the file (the playground reads no file on the server's disk)"},
		// Uploads.
		{url.Values{"data": {"moons"}}, "a.csv", goodCSV, "a file was uploaded but -data is moons"},
		{url.Values{"data": {"a.csv"}, "n": {"10"}}, "a.csv", goodCSV, "-n: only for generated data"},
		{url.Values{"data": {"b.csv"}}, "a.csv", goodCSV, "-data b.csv: but the file uploaded is a.csv"},
		{url.Values{"data": {"bad.csv"}}, "bad.csv", "x1,x2,label\n0,0,0\n1,1\n", "bad.csv:3: line 3 has 2 fields, want 3"},
		{url.Values{"data": {"nan.csv"}}, "nan.csv", "0,NaN,0\n1,1,1\n", "nan.csv:1:2: NaN is not allowed"},
		{url.Values{"data": {"one.csv"}}, "one.csv", "0,0,0\n1,1,0\n", "one.csv"},
		{url.Values{"data": {"three.csv"}, "layers": {"3,5,2"}}, "three.csv", "0,0,0,0\n1,1,1,1\n", "three.csv: the playground draws two features, x1 and x2, but the data has 3"},
		{url.Values{"data": {"many.csv"}}, "many.csv", many.String(), "many.csv: 5001 rows: want at most 5000 examples in the playground"},
		{url.Values{"data": {"big.csv"}}, "big.csv", big, "larger than 1024 KB"},
		{url.Values{"data": {"gz.csv.gz"}}, "gz.csv.gz", "\x1f\x8b\x08\x00truncated", "gz.csv.gz"},
	}
	for _, tt := range tests {
		code, body := post(t, srv, "/api/run", tt.form, tt.fileName, []byte(tt.file))
		if code != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("POST /api/run %v %s: %d %q, want 400 and %q", tt.form, tt.fileName, code, body, tt.want)
		}
		if code, _ := get(t, srv, "/"); code != http.StatusOK {
			t.Fatalf("after %v: GET / is %d", tt.form, code)
		}
	}
	// A good upload trains.
	code, body := post(t, srv, "/api/run", url.Values{"data": {"good.csv"}, "iters": {"3"}}, "good.csv", []byte(goodCSV))
	if code != http.StatusOK || !strings.Contains(body, `"name":"good.csv"`) {
		t.Fatalf("a good upload: %d %s", code, body)
	}

	// The page and its files.
	for _, path := range []string{"/", "/play.js", "/play.css"} {
		if code, b := get(t, srv, path); code != http.StatusOK || len(b) < 100 {
			t.Errorf("GET %s: %d, %d bytes", path, code, len(b))
		}
	}
	if code, b := get(t, srv, "/"); !bytes.Contains(b, []byte(`max="5000"`)) {
		t.Errorf("GET /: %d; the page does not show the bound on n", code)
	}

	// Signals, traces and downloads.
	p := openPage(t, srv, url.Values{"n": {"20"}})
	requests := []struct {
		method, path string
		code         int
		want         string
	}{
		{"POST", "/api/control?id=" + p.id + "&op=jump", 400, `op "jump": want play, pause, step, reset or view`},
		{"POST", "/api/control?id=" + p.id + "&op=play&rate=-3", 400, `rate "-3": want iterations per second, from 0.1 to 1000000`},
		{"POST", "/api/control?id=" + p.id + "&op=play&rate=1e-300", 400, `rate "1e-300": want iterations per second`},
		{"POST", "/api/control?id=" + p.id + "&op=play&rate=NaN", 400, `rate "NaN": want iterations per second`},
		{"POST", "/api/control?id=nope&op=play", 404, "no such run"},
		{"GET", "/api/control?id=" + p.id + "&op=play", 405, ""},
		{"GET", "/api/trace?id=" + p.id + "&example=20", 400, `-example "20": want an example of the data set, 0..19`},
		{"GET", "/api/trace?id=" + p.id + "&example=x", 400, `-example "x"`},
		{"GET", "/api/trace?id=nope&example=0", 404, "no such run"},
		{"GET", "/api/download/costs.csv?id=" + p.id, 409, "no iteration yet: play or step first"},
		{"GET", "/api/download/passwd?id=" + p.id, 404, `no file "passwd"`},
		{"GET", "/api/download/costs.csv?id=nope", 404, "no such run"},
		{"GET", "/api/events?id=nope", 404, "no such run"},
		{"GET", "/nothing", 404, ""},
	}
	for _, r := range requests {
		var code int
		var b string
		if r.method == "POST" {
			code, b = post(t, srv, r.path, nil, "", nil)
		} else {
			c, bb := get(t, srv, r.path)
			code, b = c, string(bb)
		}
		if code != r.code || !strings.Contains(b, r.want) {
			t.Errorf("%s %s: %d %q, want %d and %q", r.method, r.path, code, b, r.code, r.want)
		}
	}
	// A run is trained for one page: a second stream is refused.
	s, err := p.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := p.events(context.Background(), srv.Client()); err == nil || !strings.Contains(err.Error(), "409") {
		t.Errorf("a second stream of one run: %v, want a 409", err)
	}
}

// Runs past the limit are refused with a 503 until one ends; a run whose page
// never opens its stream is dropped.
func TestServeRunLimit(t *testing.T) {
	t.Parallel()
	lim := playLimits
	lim.runs, lim.client = 2, 2
	p := newPlayground(lim)
	srv := httptest.NewServer(p)
	defer srv.Close()
	first := openPage(t, srv, url.Values{"n": {"20"}})
	openPage(t, srv, url.Values{"n": {"20"}})
	code, body := post(t, srv, "/api/run", url.Values{"n": {"20"}}, "", nil)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "the playground is running 2 runs, its most") {
		t.Errorf("a third run: %d %q, want 503", code, body)
	}
	p.mu.Lock()
	for _, r := range p.runs {
		r.timer.Reset(time.Millisecond) // as if claimTimeout had passed
	}
	p.mu.Unlock()
	waitFor(t, "the unclaimed runs to be dropped", func() bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		return len(p.runs) == 0
	})
	if _, err := first.events(context.Background(), srv.Client()); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("the stream of a dropped run: %v, want a 404", err)
	}
	openPage(t, srv, url.Values{"n": {"20"}})
}

// waitFor polls ok until it holds, failing after 20 seconds.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (%d goroutines now)", what, runtime.NumGoroutine())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ann serve prints its address, serves, and on interrupt ends its streams
// and returns.
func TestServeShutdown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, "127.0.0.1:0", out) }()
	var addr string
	waitFor(t, "the address", func() bool {
		s := out.String()
		i := strings.Index(s, "http://")
		if i < 0 {
			return false
		}
		addr = strings.Fields(s[i:])[0]
		return true
	})
	resp, err := http.Post(addr+"api/run", "application/x-www-form-urlencoded", strings.NewReader("n=100&iters=1000000"))
	if err != nil {
		t.Fatal(err)
	}
	var info runInfo
	json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	ev, err := http.Get(addr + "api/events?id=" + info.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after the interrupt")
	}
	if _, err := io.ReadAll(ev.Body); err != nil && !strings.Contains(err.Error(), "EOF") {
		t.Errorf("the stream after shutdown: %v", err)
	}
	if !strings.Contains(out.String(), "ann serve: stopped") {
		t.Errorf("serve printed %q", out.String())
	}
	if code, _, errs := runAnn("serve", "-addr", "nowhere:-1"); code != 2 || !strings.Contains(errs, "ann serve: -addr nowhere:-1:") {
		t.Errorf("ann serve -addr nowhere:-1: exit %d, %q", code, errs)
	}
}

// syncBuffer is a bytes.Buffer for one writer and one reader at a time.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Step makes one iteration, pause stops, reset goes back to iteration 0, and
// a run that diverges says so and can be reset.
func TestServeControls(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	p := openPage(t, srv, url.Values{"n": {"100"}, "iters": {"1000000"}})
	s, err := p.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	s.until(t, "the first frame", func(f frame) bool { return f.Iter == 0 && f.State == "ready" })
	p.control("step")
	p.control("step")
	f := s.until(t, "iteration 2", func(f frame) bool { return f.Iter == 2 && f.State == "paused" })
	if f.Cost == nil || f.Command == "" || !strings.Contains(f.Boundary, "<svg") || !strings.Contains(f.Diagram, "<svg") || !strings.Contains(f.CostFig, "<svg") {
		t.Errorf("the frame at iteration 2 lacks a cost, the command or a figure: %+v", f)
	}
	p.control("play")
	s.until(t, "training", func(f frame) bool { return f.State == "playing" && f.Iter > 2 })
	p.control("pause")
	f = s.until(t, "the pause", func(f frame) bool { return f.State == "paused" })
	code, costs := get(t, srv, "/api/download/costs.csv?id="+p.id)
	if rows := strings.Count(string(costs), "\n") - 1; code != http.StatusOK || rows != f.Iter {
		t.Errorf("costs.csv after pausing at iteration %d: %d, %d rows", f.Iter, code, rows)
	}
	p.control("reset")
	s.until(t, "the reset", func(f frame) bool { return f.Iter == 0 && f.State == "ready" && f.Command == "" })

	d := openPage(t, srv, url.Values{"n": {"20"}, "alpha": {"1e300"}, "iters": {"50"}, "test-fraction": {"0.5"}})
	ds, err := d.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer ds.close()
	d.control("play")
	f = ds.until(t, "the divergence", func(f frame) bool { return f.State == "diverged" })
	if !strings.Contains(f.Message, "training diverged at iteration") || !strings.Contains(f.Message, "try a smaller alpha") {
		t.Errorf("diverged with message %q", f.Message)
	}
	d.control("reset")
	ds.until(t, "the reset", func(f frame) bool { return f.Iter == 0 && f.State == "ready" })
}

// The boundary draws the rows not trained on hollow, the diagram is
// svgplot's neuron maps, and the page's confidence option shades the
// regions of the next frame.
func TestServeView(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	p := openPage(t, srv, url.Values{"n": {"100"}, "first": {"60"}, "iters": {"300"}})
	s, err := p.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	p.control("play")
	flat := s.until(t, "the end", func(f frame) bool { return f.State == "done" })
	if !strings.Contains(flat.Boundary, ">not trained on<") || !strings.Contains(flat.Boundary, "fill:none") {
		t.Errorf("the boundary of a run with -first 60 of 100 rows draws no hollow points")
	}
	if !strings.Contains(flat.Diagram, "<svg") || !strings.Contains(flat.Diagram, "<path") {
		t.Errorf("the diagram has no unit maps")
	}
	// The page puts the figures into one document: their ids must differ.
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`id="([^"]*)"`).FindAllStringSubmatch(flat.Boundary+flat.Diagram+flat.CostFig, -1) {
		if ids[m[1]] {
			t.Errorf("the frame's figures share the id %q", m[1])
		}
		ids[m[1]] = true
	}
	if len(ids) < 3 {
		t.Errorf("the frame's figures have %d ids, want a clip path each at least", len(ids))
	}
	for _, bad := range []string{"", "maybe"} {
		code, body := post(t, srv, "/api/control?id="+p.id+"&op=view&confidence="+bad, nil, "", nil)
		if code != http.StatusBadRequest || !strings.Contains(body, "want true or false") {
			t.Errorf("op=view confidence=%q: %d %s", bad, code, body)
		}
	}
	p.control("view&confidence=true")
	shaded := s.until(t, "a frame after view", func(f frame) bool { return true })
	if shaded.Boundary == flat.Boundary || shaded.Diagram != flat.Diagram {
		t.Errorf("confidence=true did not change the boundary alone")
	}
	p.control("view&confidence=false")
	again := s.until(t, "a frame after view", func(f frame) bool { return true })
	if again.Boundary != flat.Boundary {
		t.Errorf("confidence=false did not give back the flat boundary")
	}

	// With every row trained on, no point is hollow.
	q := openPage(t, srv, url.Values{"n": {"50"}})
	qs, err := q.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer qs.close()
	f := qs.until(t, "the first frame", func(f frame) bool { return f.State == "ready" })
	if strings.Contains(f.Boundary, ">not trained on<") {
		t.Errorf("a run on all rows draws a legend for held-out rows")
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"moons": "moons", "2,5,5,2": "2,5,5,2", "1e-05": "1e-05",
		"my data.csv": "'my data.csv'", "it's.csv": `'it'\''s.csv'`, "": "''", "$(x).csv": "'$(x).csv'"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// BenchmarkServeFrame measures one frame of a run of the page's default
// setup after 5000 iterations, while training (coarse boundary) and paused
// (fine boundary), and its size as the event stream sends it; and the same
// for the largest network the playground allows, after 50 iterations.
func BenchmarkServeFrame(b *testing.B) {
	setups := []struct {
		name string
		form url.Values
	}{
		{"", url.Values{"n": {"1000"}, "test-fraction": {"0.5"}, "iters": {"5000"}}},
		{"largest-", url.Values{"n": {"1000"}, "test-fraction": {"0.5"}, "iters": {"50"}, "layers": {"2,32,32,32,32,32,32,2"}}},
	}
	for _, setup := range setups {
		s, err := playLimits.setup(setup.form, nil, "")
		if err != nil {
			b.Fatal(err)
		}
		res, err := trainOnce(context.Background(), s, s.nf.network(), nil)
		if err != nil {
			b.Fatal(err)
		}
		run := &playRun{setup: s}
		for _, state := range []string{"playing", "paused"} {
			v := published{iter: len(res.Costs), state: state, costs: res.Costs, testCosts: res.TestCosts, net: res.Net}
			b.Run(setup.name+state, func(b *testing.B) {
				var f frame
				for b.Loop() {
					f = run.frame(v)
				}
				js, err := json.Marshal(f)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(js)), "frame-bytes")
			})
		}
	}
}

// A run on an uploaded file equals ann train -data on that file.
func TestServeUploadEqualsTrain(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	code, csv, errs := runAnn("data", "-data", "xor", "-n", "120", "-noise", "0.3", "-data-seed", "9")
	if code != 0 {
		t.Fatal(errs)
	}
	form := url.Values{"data": {"xor data.csv"}, "layers": {"2,6,2"}, "iters": {"30"}, "test-fraction": {"0.25"}}
	code, body := post(t, srv, "/api/run", form, "xor data.csv", []byte(csv))
	if code != http.StatusOK {
		t.Fatalf("upload: %d %s", code, body)
	}
	var info runInfo
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		t.Fatal(err)
	}
	p := &page{t: t, srv: srv, id: info.ID}
	s, err := p.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	p.control("play")
	last := s.until(t, "the end", func(f frame) bool { return f.State == "done" })
	if !strings.HasPrefix(last.Command, "ann train -data 'xor data.csv' ") {
		t.Errorf("command %q", last.Command)
	}
	// The command names the file as uploaded; here it is in dir.
	dir := t.TempDir()
	path := filepath.Join(dir, "xor data.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"train"}, last.Args...)
	args[2] = path
	args = append(args, "-q", "-out", dir)
	if code, _, errs := runAnn(args...); code != 0 {
		t.Fatalf("ann %v: %s", args, errs)
	}
	for _, name := range []string{"costs.csv", "model.npz"} {
		_, got := get(t, srv, "/api/download/"+name+"?id="+p.id)
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s of the upload differs from ann train's", name)
		}
	}
}

// docs/playground.md states the playground's bounds.
func TestPlaygroundDoc(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "playground.md"))
	if err != nil {
		t.Fatal(err)
	}
	l := playLimits
	want := fmt.Sprintf("at most %d rows, %d hidden layers of at most %d units, 1,000,000 iterations per run and an upload of %d MB; the server trains at most %d runs at once", l.rows, l.hidden, l.units, l.upload>>20, l.runs)
	text := strings.Join(strings.Fields(string(doc)), " ") // as if unwrapped
	if l.iters != 1_000_000 || !strings.Contains(text, want) {
		t.Errorf("docs/playground.md does not state the bounds of playLimits:\n%s", want)
	}
}

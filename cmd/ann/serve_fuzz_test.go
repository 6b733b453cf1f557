package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// fuzzLimits are the playground's limits made small, so that a fuzzed
// setting that is accepted makes its data quickly.
var fuzzLimits = limits{rows: 300, units: 8, hidden: 3, iters: 1000, runs: 4, client: 4, upload: 4 << 10}

// FuzzServeSettings: any settings form (a query string) and uploaded file
// give a run within the limits or an error, never a panic.
func FuzzServeSettings(f *testing.F) {
	f.Add("n=20", []byte(nil))
	f.Add("n=200&layers=2,8,8,2&alpha=0.3&test-fraction=0.5&split-seed=3", []byte(nil))
	f.Add("data=circles&factor=0.5&noise=0.1&iters=10", []byte(nil))
	f.Add("data=x.csv&layers=2,3,2", []byte("x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n"))
	f.Add("layers=2,100000,2", []byte(nil))
	f.Add("n=1e9&noise=NaN&alpha=-1&iters=0", []byte(nil))
	f.Add("data=x.csv", []byte("\xff\xfe,\n,,,\n"))
	f.Fuzz(func(t *testing.T, query string, file []byte) {
		form, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		var r io.Reader
		if file != nil {
			r = bytes.NewReader(file)
		}
		s, err := fuzzLimits.setup(form, r, "x.csv")
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" || strings.Contains(err.Error(), "\n") {
				t.Errorf("settings %q: error %q, want one line", query, err)
			}
			return
		}
		if s.ds.X.Rows > fuzzLimits.rows || len(s.nf.sizes) > fuzzLimits.hidden+2 || s.nf.iters > fuzzLimits.iters {
			t.Errorf("settings %q accepted beyond the limits: %d rows, layers %v, %d iterations", query, s.ds.X.Rows, &s.nf.sizes, s.nf.iters)
		}
		for _, u := range s.nf.sizes[1 : len(s.nf.sizes)-1] {
			if u > fuzzLimits.units {
				t.Errorf("settings %q accepted a hidden layer of %d units", query, u)
			}
		}
	})
}

// FuzzServeRequest: any request to the playground (method, path and query,
// headers that decide the parsing, body) is answered, never with a panic,
// and never with a 500 for what the client sent.
func FuzzServeRequest(f *testing.F) {
	f.Add("POST", "/api/run", "application/x-www-form-urlencoded", "", "n=20&iters=5")
	f.Add("POST", "/api/run", "multipart/form-data; boundary=x", "", "--x\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n20\r\n--x--\r\n")
	f.Add("POST", "/api/run", "multipart/form-data; boundary=x", "", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n0,0,0\r\n--x--\r\n")
	f.Add("POST", "/api/control?id=abc&op=play&rate=1e400", "", "", "")
	f.Add("POST", "/api/control?op=view&confidence=maybe", "", "", "")
	f.Add("GET", "/api/trace?id=&example=-1", "", "", "")
	f.Add("GET", "/api/download/run.json?id=%zz", "", "", "")
	f.Add("POST", "/api/run", "application/x-www-form-urlencoded", "http://evil.example", "n=20")
	f.Fuzz(func(t *testing.T, method, target, ctype, origin, body string) {
		req, err := http.NewRequest(method, "http://127.0.0.1:8080"+target, strings.NewReader(body))
		if err != nil || !strings.HasPrefix(target, "/") {
			return
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		p := newPlayground(fuzzLimits)
		defer p.close()
		w := httptest.NewRecorder()
		p.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Errorf("%s %s (%s): %d %q", method, target, ctype, w.Code, w.Body.String())
		}
	})
}

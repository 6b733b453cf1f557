package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// listenPlayground serves a playground with the limits lim and the timeouts
// tm on a real listener on 127.0.0.1, answering the Host values of -addr
// addrHost (with the listener's port); it returns the playground and its
// base URL (http://127.0.0.1:PORT).
func listenPlayground(t *testing.T, lim limits, tm timeouts, addrHost string) (*playground, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := newPlayground(lim)
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	p.allowHosts(net.JoinHostPort(addrHost, port), ln.Addr())
	srv := newHTTPServer(p, tm)
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		p.close()
		srv.Shutdown(ctx)
	})
	return p, "http://" + ln.Addr().String()
}

// do sends one request with the given Host and headers and returns the
// status and body.
func do(t *testing.T, client *http.Client, method, u, host string, header map[string]string, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The server answers only the Host values that name it: the address it
// listens on, localhost (it is a loopback address) and the host of -addr, each
// with its port. Any other name, as a page of another site that rebinds its
// name to 127.0.0.1 sends, gets a 421 and nothing else.
func TestServeHost(t *testing.T) {
	t.Parallel()
	_, base := listenPlayground(t, playLimits, serveTimeouts, "ann.test")
	port := base[strings.LastIndex(base, ":")+1:]
	client := &http.Client{}
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST:" + port, 200},
		{"ann.test:" + port, 200},
		{"evil.example:" + port, http.StatusMisdirectedRequest},
		{"attacker.127.0.0.1.nip.io:" + port, http.StatusMisdirectedRequest},
		{"localhost", http.StatusMisdirectedRequest},
		{"127.0.0.1:1", http.StatusMisdirectedRequest},
		{"10.0.0.1:" + port, http.StatusMisdirectedRequest},
	} {
		code, body := do(t, client, "GET", base+"/", tc.host, nil, "")
		if code != tc.want {
			t.Errorf("GET / with Host %q: %d, want %d", tc.host, code, tc.want)
		}
		if code != 200 && (strings.Contains(body, "<html") || !strings.Contains(body, "is not this server's name")) {
			t.Errorf("GET / with Host %q answered %.80q, want only the refusal", tc.host, body)
		}
		// The API too: a run is not started for a foreign name.
		if code, _ := do(t, client, "POST", base+"/api/run", tc.host, nil, "n=20"); code != tc.want {
			t.Errorf("POST /api/run with Host %q: %d, want %d", tc.host, code, tc.want)
		}
	}
	// Listening on all addresses, any IP address with the port names it.
	p := newPlayground(playLimits)
	p.allowHosts("0.0.0.0:8080", &net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	for host, want := range map[string]bool{"192.168.1.5:8080": true, "[::1]:8080": true, "0.0.0.0:8080": true, "evil.example:8080": false, "192.168.1.5:80": false, "localhost:8080": true} {
		if got := p.hostAllowed(host); got != want {
			t.Errorf("listening on 0.0.0.0:8080, Host %q allowed: %v, want %v", host, got, want)
		}
	}
}

// A request from another site's page that would change state is refused
// (403), by Sec-Fetch-Site or by an Origin that is not the server's; the
// playground's own page, and clients that are not browsers (no Origin), are
// answered.
func TestServeCrossOrigin(t *testing.T) {
	t.Parallel()
	_, base := listenPlayground(t, playLimits, serveTimeouts, "127.0.0.1")
	client := &http.Client{}
	for _, tc := range []struct {
		header map[string]string
		want   int
	}{
		{nil, 200},
		{map[string]string{"Origin": base}, 200},
		{map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": base}, 200},
		{map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, http.StatusForbidden},
		{map[string]string{"Origin": "null"}, http.StatusForbidden},
	} {
		code, body := do(t, client, "POST", base+"/api/run", "", tc.header, "n=20")
		if code != tc.want {
			t.Errorf("POST /api/run with %v: %d %q, want %d", tc.header, code, body, tc.want)
		}
		if code == http.StatusForbidden && !strings.Contains(body, "cross-origin request that would change a run is refused") {
			t.Errorf("POST /api/run with %v: body %q, want the refusal", tc.header, body)
		}
		if code, _ := do(t, client, "POST", base+"/api/control?id=x&op=play", "", tc.header, ""); tc.want == http.StatusForbidden && code != tc.want {
			t.Errorf("POST /api/control with %v: %d, want %d", tc.header, code, tc.want)
		}
	}
	// Reading is not refused: a cross-site page cannot read the answer anyway.
	if code, _ := do(t, client, "GET", base+"/", "", map[string]string{"Sec-Fetch-Site": "cross-site"}, ""); code != 200 {
		t.Errorf("GET / cross-site: %d, want 200", code)
	}
}

// State changes only by POST: GET cannot start or drive a run, and GET
// /api/events only watches: a run that no one plays stays at iteration 0
// however long its stream is open, and one played before any stream opens
// trains.
func TestServeMethods(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	for _, tc := range []struct{ method, path string }{
		{"GET", "/api/run?n=20"},
		{"GET", "/api/control?id=x&op=play"},
		{"POST", "/api/events?id=x"},
		{"PUT", "/api/run"},
		{"DELETE", "/api/control"},
	} {
		if code, _ := do(t, srv.Client(), tc.method, srv.URL+tc.path, "", nil, ""); code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d, want 405", tc.method, tc.path, code)
		}
	}
	idle := openPage(t, srv, url.Values{"n": {"20"}, "iters": {"1000000"}})
	s, err := idle.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.next()
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if code, csv := get(t, srv, "/api/download/costs.csv?id="+idle.id); code != http.StatusConflict || f.Iter != 0 || f.State != "ready" {
		t.Errorf("a run only watched: frame %d %s, costs.csv %d %q; want iteration 0, ready, and no costs (409)", f.Iter, f.State, code, csv)
	}
	s.close()

	played := openPage(t, srv, url.Values{"n": {"20"}, "iters": {"5"}})
	played.control("step") // before any stream: POST alone drives the run
	waitFor(t, "the step to be made with no stream open", func() bool {
		code, _ := get(t, srv, "/api/download/costs.csv?id="+played.id)
		return code == http.StatusOK
	})
}

// Each client (remote address) has a share of the run slots: past it, a
// 429 that says so, while another client still starts runs; past the
// server's slots, a 503 that says so, to everyone.
func TestServeClientShare(t *testing.T) {
	t.Parallel()
	lim := playLimits
	lim.runs, lim.client = 3, 2
	_, base := listenPlayground(t, lim, serveTimeouts, "127.0.0.1")
	from := func(ip string) *http.Client {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	}
	a, b := from("127.0.0.1"), from("127.0.0.2")
	c, err := (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}).Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Skipf("cannot connect from 127.0.0.2 here: %v", err)
	}
	c.Close()
	for i := range 2 {
		if code, body := do(t, a, "POST", base+"/api/run", "", nil, "n=20"); code != 200 {
			t.Fatalf("client A's run %d: %d %q", i+1, code, body)
		}
	}
	code, body := do(t, a, "POST", base+"/api/run", "", nil, "n=20")
	if code != http.StatusTooManyRequests || !strings.Contains(body, "this client has 2 runs open, the most one client may have") {
		t.Errorf("client A's third run: %d %q, want 429 and why", code, body)
	}
	if code, body := do(t, b, "POST", base+"/api/run", "", nil, "n=20"); code != 200 {
		t.Errorf("client B's first run, with A at its share: %d %q, want 200", code, body)
	}
	code, body = do(t, b, "POST", base+"/api/run", "", nil, "n=20")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "the playground is running 3 runs, its most") {
		t.Errorf("client B's second run, the server full: %d %q, want 503 and why", code, body)
	}
}

// A request whose body comes a byte a second is cut off by the read
// timeout, and an idle connection by the idle timeout; the event stream
// is exempt from the write (and read) timeout and streams on past it.
func TestServeTimeouts(t *testing.T) {
	t.Parallel()
	tm := timeouts{readHeader: 300 * time.Millisecond, read: 500 * time.Millisecond, write: 500 * time.Millisecond, idle: 500 * time.Millisecond}
	_, base := listenPlayground(t, playLimits, tm, "127.0.0.1")
	addr := strings.TrimPrefix(base, "http://")

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/run HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n", addr)
	start := time.Now()
	closed := make(chan time.Duration, 1)
	go func() {
		io.Copy(io.Discard, conn) // until the server closes it
		closed <- time.Since(start)
	}()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var took time.Duration
wait:
	for {
		select {
		case took = <-closed:
			break wait
		case <-tick.C:
			conn.Write([]byte("n"))
		case <-time.After(10 * time.Second):
			t.Fatal("the server still reads a body sent a byte each 200 ms after 10 s")
		}
	}
	if took > 5*time.Second {
		t.Errorf("the slow body was cut off after %v, want about the read timeout, 500 ms", took)
	}

	// An idle keep-alive connection is closed.
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprintf(idle, "GET /play.css HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	idle.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.Copy(io.Discard, idle); err != nil {
		t.Errorf("an idle connection was not closed by the server within 10 s: %v", err)
	}

	// The stream outlives the write timeout.
	srv := newTimedServer(t, playLimits, tm)
	pg := openPage(t, srv, url.Values{"n": {"20"}, "iters": {"1000000"}})
	s, err := pg.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	pg.control("play")
	// Frames until one arrives well past the write timeout.
	opened := time.Now()
	for frames := 0; time.Since(opened) < 3*tm.write; frames++ {
		if _, err := s.next(); err != nil {
			t.Fatalf("the stream broke after %d frames, %v after it opened (write timeout %v): %v", frames, time.Since(opened), tm.write, err)
		}
	}
}

// newTimedServer is newServer with the playground's own http.Server and
// the timeouts tm.
func newTimedServer(t *testing.T, lim limits, tm timeouts) *httptest.Server {
	p := newPlayground(lim)
	srv := httptest.NewUnstartedServer(p)
	srv.Config = newHTTPServer(p, tm)
	srv.Start()
	t.Cleanup(func() { p.close(); srv.Close() })
	return srv
}

// A diverged run's run.json is a 409 that says why, not a 500: it is the
// run's condition, which the client chose, not the server's fault.
func TestServeDivergedDownload(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	d := openPage(t, srv, url.Values{"n": {"20"}, "alpha": {"1e300"}, "iters": {"50"}})
	s, err := d.events(context.Background(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	d.control("play")
	s.until(t, "the divergence", func(f frame) bool { return f.State == "diverged" })
	for _, name := range []string{"run.json", "costs.csv", "model.npz", "cost.svg", "boundary.svg"} {
		code, body := get(t, srv, "/api/download/"+name+"?id="+d.id)
		if code >= 500 {
			t.Errorf("%s of a diverged run: %d %q, want a 2xx or 4xx", name, code, body)
		}
		if code == http.StatusConflict && !strings.Contains(string(body), "the run diverged") {
			t.Errorf("%s of a diverged run: 409 %q, want why", name, body)
		}
	}
}

// docs/playground.md states the share and the timeouts the server has.
func TestPlaygroundTrustDoc(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "playground.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	l, tm := playLimits, serveTimeouts
	for _, want := range []string{
		fmt.Sprintf("One client may hold at most %d of the %d runs", l.client, l.runs),
		fmt.Sprintf("One client (one remote address) may hold %d of the %d runs", l.client, l.runs),
		fmt.Sprintf("header must arrive within %d seconds and the whole request, with its body, within %d", int(tm.readHeader.Seconds()), int(tm.read.Seconds())),
		fmt.Sprintf("written within %d seconds and an idle connection is closed after %d minutes", int(tm.write.Seconds()), int(tm.idle.Minutes())),
		fmt.Sprintf("within %d seconds is dropped", int(claimTimeout.Seconds())),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("docs/playground.md does not say %q", want)
		}
	}
}

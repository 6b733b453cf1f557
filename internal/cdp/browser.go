package cdp

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Find returns the path of a Chromium (or Chrome) executable on $PATH, or ""
// if there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// A Browser is a headless Chromium this package started, and the DevTools
// connection to its one page.
type Browser struct {
	cmd *exec.Cmd
	dir string // its profile, removed by Close
	ws  *Conn

	mu      sync.Mutex
	nextID  int
	pending map[int]chan reply
	readErr error
	done    chan struct{} // closed when the reader stops
}

// reply is the answer to one command.
type reply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Start starts the Chromium at path, headless, with a fresh profile, and
// connects to its page. Close it when done.
func Start(path string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "ann-chromium-*")
	if err != nil {
		return nil, fmt.Errorf("cdp: %w", err)
	}
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0",
		"--user-data-dir="+dir, "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("cdp: %w", err)
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("cdp: %w", err)
	}
	b := &Browser{cmd: cmd, dir: dir, pending: map[int]chan reply{}, done: make(chan struct{})}
	// Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			if _, u, ok := strings.Cut(sc.Text(), "DevTools listening on "); ok && !sent {
				found <- strings.TrimSpace(u)
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	var browserURL string
	select {
	case u, ok := <-found:
		if !ok {
			b.kill()
			return nil, errors.New("cdp: chromium exited without opening its DevTools port")
		}
		browserURL = u
	case <-time.After(30 * time.Second):
		b.kill()
		return nil, errors.New("cdp: chromium did not open its DevTools port within 30 s")
	}
	pageURL, err := pageTarget(browserURL)
	if err != nil {
		b.kill()
		return nil, err
	}
	if b.ws, err = Dial(pageURL); err != nil {
		b.kill()
		return nil, err
	}
	go b.read()
	return b, nil
}

// pageTarget returns the websocket URL of the browser's first page, from
// http://HOST/json/list.
func pageTarget(browserURL string) (string, error) {
	host := strings.TrimPrefix(browserURL, "ws://")
	host, _, _ = strings.Cut(host, "/")
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + host + "/json/list")
		if err == nil {
			var targets []struct {
				Type string `json:"type"`
				URL  string `json:"webSocketDebuggerUrl"`
			}
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
			for _, t := range targets {
				if t.Type == "page" && t.URL != "" {
					return t.URL, nil
				}
			}
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("cdp: no page target at %s (%v)", host, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// read dispatches the replies to the commands waiting for them; events
// are not used and are dropped.
func (b *Browser) read() {
	defer close(b.done)
	for {
		msg, err := b.ws.ReadMessage()
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		var m struct {
			ID int `json:"id"`
			reply
		}
		if json.Unmarshal(msg, &m) != nil || m.ID == 0 {
			continue
		}
		b.mu.Lock()
		ch := b.pending[m.ID]
		delete(b.pending, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m.reply
		}
	}
}

// Call sends the DevTools command method with params and decodes its result
// into result (if not nil).
func (b *Browser) Call(ctx context.Context, method string, params, result any) error {
	b.mu.Lock()
	if b.readErr != nil {
		err := b.readErr
		b.mu.Unlock()
		return err
	}
	b.nextID++
	id := b.nextID
	ch := make(chan reply, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	if params == nil {
		params = struct{}{}
	}
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return fmt.Errorf("cdp: %s: %w", method, err)
	}
	if err := b.ws.WriteText(msg); err != nil {
		return fmt.Errorf("cdp: %s: %w", method, err)
	}
	select {
	case r, ok := <-ch:
		if !ok {
			return fmt.Errorf("cdp: %s: the connection closed", method)
		}
		if r.Error != nil {
			return fmt.Errorf("cdp: %s: %s (%d)", method, r.Error.Message, r.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("cdp: %s: %w", method, ctx.Err())
	}
}

// Eval evaluates a JavaScript expression in the page, waiting for it if it
// is a promise, and decodes its value into result (if not nil). A thrown
// exception is an error with its text.
func (b *Browser) Eval(ctx context.Context, expr string, result any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := b.Call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if err != nil {
		return err
	}
	if e := r.Exception; e != nil {
		msg := e.Text
		if e.Exception != nil {
			msg = e.Exception.Description
		}
		return fmt.Errorf("cdp: %s: %s", short(expr), msg)
	}
	if result != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, result)
	}
	return nil
}

// WaitFor evaluates expr every 100 ms until it is true, and returns an error
// naming what if ctx ends first.
func (b *Browser) WaitFor(ctx context.Context, what, expr string) error {
	for {
		var ok bool
		err := b.Eval(ctx, "Boolean("+expr+")", &ok)
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("cdp: waiting for %s: %w (last: %v)", what, ctx.Err(), err)
			}
			return fmt.Errorf("cdp: waiting for %s: %w", what, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// SetViewport makes the page width x height CSS pixels, at one device pixel
// per CSS pixel.
func (b *Browser) SetViewport(ctx context.Context, width, height int) error {
	return b.Call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
}

// Navigate loads url in the page and waits until its document has loaded.
func (b *Browser) Navigate(ctx context.Context, url string) error {
	var r struct {
		ErrorText string `json:"errorText"`
	}
	// The old document, if any, is marked, so that the wait is for the new one.
	if err := b.Eval(ctx, "window.cdpOldDocument = true", nil); err != nil {
		return err
	}
	if err := b.Call(ctx, "Page.navigate", map[string]any{"url": url}, &r); err != nil {
		return err
	}
	if r.ErrorText != "" {
		return fmt.Errorf("cdp: Page.navigate %s: %s", url, r.ErrorText)
	}
	return b.WaitFor(ctx, "the page to load", `document.readyState === "complete" && !window.cdpOldDocument`)
}

// Screenshot returns the viewport as a PNG.
func (b *Browser) Screenshot(ctx context.Context) ([]byte, error) {
	var r struct {
		Data string `json:"data"`
	}
	if err := b.Call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &r); err != nil {
		return nil, err
	}
	png, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		return nil, fmt.Errorf("cdp: Page.captureScreenshot: %w", err)
	}
	return png, nil
}

// Close closes the browser, waits for its process to end (killing it after
// 5 s) and removes its profile.
func (b *Browser) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	b.Call(ctx, "Browser.close", nil, nil) // the connection may close before the reply
	b.ws.Close()
	exited := make(chan error, 1)
	go func() { exited <- b.cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		b.cmd.Process.Kill()
		<-exited
	}
	<-b.done
	return os.RemoveAll(b.dir)
}

// kill ends a browser that did not start properly.
func (b *Browser) kill() {
	b.cmd.Process.Kill()
	b.cmd.Wait()
	os.RemoveAll(b.dir)
}

// Quote returns s as a JavaScript string literal, for building expressions.
func Quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

func short(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

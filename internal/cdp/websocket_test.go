package cdp

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	_ "github.com/ann-go/ann/internal/golden"
)

// A minimal websocket server for the test: it checks the handshake and that
// every client frame is masked, and answers each text message with a ping
// and then the message upper-cased, in three fragments.
func echoServer(t *testing.T) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Sec-WebSocket-Key")
		if r.Header.Get("Upgrade") != "websocket" || r.Header.Get("Sec-WebSocket-Version") != "13" || key == "" {
			http.Error(w, "not a websocket handshake", http.StatusBadRequest)
			return
		}
		c, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n")
		rw.Flush()
		srv := &Conn{c: c, r: rw.Reader}
		for {
			h, err := rw.Peek(2)
			if err != nil {
				return
			}
			if h[1]&0x80 == 0 {
				t.Error("a client frame is not masked")
				return
			}
			fin, op, payload, err := srv.readFrame()
			if err != nil || !fin {
				t.Errorf("server: frame fin=%v op=%d err=%v", fin, op, err)
				return
			}
			if op == opPong {
				if string(payload) != "are you there" {
					t.Errorf("pong %q, want the ping's payload", payload)
				}
				continue
			}
			if op == opClose {
				return
			}
			up := bytes.ToUpper(payload)
			var out []byte
			out = append(out, unmasked(opPing, true, []byte("are you there"))...)
			third := len(up) / 3
			out = append(out, unmasked(opText, false, up[:third])...)
			out = append(out, unmasked(opContinuation, false, up[third:2*third])...)
			out = append(out, unmasked(opContinuation, true, up[2*third:])...)
			if _, err := c.Write(out); err != nil {
				return
			}
		}
	}))
}

// unmasked returns a server frame.
func unmasked(op byte, fin bool, payload []byte) []byte {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	hdr := []byte{b0}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, byte(n))
	case n <= 0xFFFF:
		hdr = binary.BigEndian.AppendUint16(append(hdr, 126), uint16(n))
	default:
		hdr = binary.BigEndian.AppendUint64(append(hdr, 127), uint64(n))
	}
	return append(hdr, payload...)
}

func TestWebsocketEcho(t *testing.T) {
	srv := echoServer(t)
	defer srv.Close()
	ws, err := Dial("ws" + strings.TrimPrefix(srv.URL, "http") + "/devtools")
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	// Lengths on both sides of the 7-bit, 16-bit and 64-bit encodings.
	for _, n := range []int{0, 3, 125, 126, 127, 65535, 65536, 300000} {
		msg := bytes.Repeat([]byte("abcdefghij"), n/10+1)[:n]
		if err := ws.WriteText(msg); err != nil {
			t.Fatal(err)
		}
		got, err := ws.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, bytes.ToUpper(msg)) {
			t.Fatalf("a message of %d bytes came back as %d bytes %.20q", n, len(got), got)
		}
	}
}

func TestWebsocketHandshakeRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, err := Dial("ws" + strings.TrimPrefix(srv.URL, "http") + "/x")
	if err == nil || !strings.Contains(err.Error(), "404 Not Found without a websocket upgrade") {
		t.Errorf("Dial of a plain HTTP server: %v, want a refused handshake", err)
	}
	if _, err := Dial("http://127.0.0.1:1/"); err == nil || !strings.Contains(err.Error(), "want a ws:// URL") {
		t.Errorf("Dial(http://...): %v", err)
	}
}

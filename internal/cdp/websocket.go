// Package cdp drives a headless Chromium over the Chrome DevTools protocol,
// for the tests that load the playground in a real browser. It needs only
// the standard library: the protocol is JSON messages over a websocket
// (RFC 6455), and this package speaks the small part of the websocket
// protocol a client needs: the HTTP Upgrade handshake, masked client text
// frames, and the server's text, continuation, ping and close frames.
package cdp

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// websocketGUID is the constant RFC 6455 appends to the client's key to make
// the server's Sec-WebSocket-Accept.
const websocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// Opcodes of websocket frames.
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

// maxMessage bounds a message the client reads (a screenshot at 1280x900 is
// a few MB of base64).
const maxMessage = 256 << 20

// A Conn is the client side of a websocket connection.
type Conn struct {
	c   net.Conn
	r   *bufio.Reader
	wmu sync.Mutex // one frame at a time
}

// acceptKey returns the Sec-WebSocket-Accept a server answers to key.
func acceptKey(key string) string {
	h := sha1.Sum([]byte(key + websocketGUID))
	return base64.StdEncoding.EncodeToString(h[:])
}

// Dial opens a websocket connection to a ws:// URL.
func Dial(rawURL string) (*Conn, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("cdp: %w", err)
	}
	if u.Scheme != "ws" {
		return nil, fmt.Errorf("cdp: %s: want a ws:// URL", rawURL)
	}
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		return nil, fmt.Errorf("cdp: %w", err)
	}
	var k [16]byte
	rand.Read(k[:])
	key := base64.StdEncoding.EncodeToString(k[:])
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\n" +
		"Host: " + u.Host + "\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\n" +
		"Sec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(c, req); err != nil {
		c.Close()
		return nil, fmt.Errorf("cdp: %w", err)
	}
	r := bufio.NewReader(c)
	resp, err := http.ReadResponse(r, &http.Request{Method: "GET"})
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("cdp: handshake: %w", err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols ||
		!strings.EqualFold(resp.Header.Get("Upgrade"), "websocket") ||
		resp.Header.Get("Sec-WebSocket-Accept") != acceptKey(key) {
		c.Close()
		return nil, fmt.Errorf("cdp: handshake: %s answered %s without a websocket upgrade", rawURL, resp.Status)
	}
	return &Conn{c: c, r: r}, nil
}

// Close closes the connection (without the closing handshake).
func (ws *Conn) Close() error { return ws.c.Close() }

// WriteText sends msg as one masked text frame.
func (ws *Conn) WriteText(msg []byte) error { return ws.writeFrame(opText, msg) }

// writeFrame sends one final frame, masked as a client must:
//
//	byte 0: FIN (0x80) | opcode
//	byte 1: MASK (0x80) | length, if < 126; else 126 + 2 bytes or 127 + 8 bytes
//	4 bytes of mask, then payload[i] ^ mask[i % 4]
func (ws *Conn) writeFrame(op byte, payload []byte) error {
	hdr := []byte{0x80 | op, 0}
	switch n := len(payload); {
	case n < 126:
		hdr[1] = 0x80 | byte(n)
	case n <= 0xFFFF:
		hdr[1] = 0x80 | 126
		hdr = binary.BigEndian.AppendUint16(hdr, uint16(n))
	default:
		hdr[1] = 0x80 | 127
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	frame := append(hdr, mask[:]...)
	for i, b := range payload {
		frame = append(frame, b^mask[i%4])
	}
	ws.wmu.Lock()
	defer ws.wmu.Unlock()
	_, err := ws.c.Write(frame)
	return err
}

// ErrClosed is ReadMessage's error when the server closes the connection.
var ErrClosed = errors.New("cdp: the websocket was closed")

// ReadMessage returns the next text or binary message, joining its
// fragments; it answers pings, and returns ErrClosed on a close frame.
func (ws *Conn) ReadMessage() ([]byte, error) {
	var msg []byte
	for {
		fin, op, payload, err := ws.readFrame()
		if err != nil {
			return nil, err
		}
		switch op {
		case opPing:
			if err := ws.writeFrame(opPong, payload); err != nil {
				return nil, err
			}
			continue
		case opPong:
			continue
		case opClose:
			return nil, ErrClosed
		case opText, opBinary, opContinuation:
			msg = append(msg, payload...)
			if len(msg) > maxMessage {
				return nil, fmt.Errorf("cdp: a message of more than %d bytes", maxMessage)
			}
			if fin {
				return msg, nil
			}
		default:
			return nil, fmt.Errorf("cdp: unknown websocket opcode %#x", op)
		}
	}
}

// readFrame reads one frame, unmasking it if the sender masked it.
func (ws *Conn) readFrame() (fin bool, op byte, payload []byte, err error) {
	var h [2]byte
	if _, err := io.ReadFull(ws.r, h[:]); err != nil {
		return false, 0, nil, fmt.Errorf("cdp: %w", err)
	}
	fin, op = h[0]&0x80 != 0, h[0]&0x0F
	masked := h[1]&0x80 != 0
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		if _, err := io.ReadFull(ws.r, b[:]); err != nil {
			return false, 0, nil, fmt.Errorf("cdp: %w", err)
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err := io.ReadFull(ws.r, b[:]); err != nil {
			return false, 0, nil, fmt.Errorf("cdp: %w", err)
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	if n > maxMessage {
		return false, 0, nil, fmt.Errorf("cdp: a frame of %d bytes", n)
	}
	var mask [4]byte
	if masked {
		if _, err := io.ReadFull(ws.r, mask[:]); err != nil {
			return false, 0, nil, fmt.Errorf("cdp: %w", err)
		}
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(ws.r, payload); err != nil {
		return false, 0, nil, fmt.Errorf("cdp: %w", err)
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return fin, op, payload, nil
}

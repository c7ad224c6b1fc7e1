package prompt

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"sync"
)

// keyReader is the terminal input as survey reads it. survey makes a new
// bufio.Reader for every prompt and every cursor-position query, each of
// which may read more bytes than it uses and then drops them: keys typed
// ahead, while a prompt was being drawn or between two prompts, were lost.
// keyReader keeps what it has read from the terminal for as long as the
// process runs, and hands it out in pieces no larger than one key (a byte, or
// a whole escape sequence such as an arrow key), so that no reader of
// survey's ever holds more than the key it is decoding.
//
// When survey asks the terminal where the cursor is (cprWriter saw the
// request go out), the answer is handed out first, ahead of keys typed
// before it arrived: survey would otherwise file those keys in a buffer of
// the current prompt, and the next prompt would never see them.
//
// Read also returns, with ctx's error, as soon as ctx ends, so a prompt does
// not outlive a SIGINT or SIGTERM; a read of the terminal still under way
// then keeps what it gets for later.
type keyReader struct {
	ctx  context.Context
	file *os.File

	mu      sync.Mutex
	pending []byte
	cpr     int           // cursor-position reports asked for and not yet handed out
	reading chan struct{} // closed when the read under way has finished; nil when none is
	readErr error
}

func newKeyReader(ctx context.Context, f *os.File) *keyReader {
	return &keyReader{ctx: ctx, file: f}
}

// Fd is the terminal's descriptor, which survey puts in raw mode.
func (r *keyReader) Fd() uintptr { return r.file.Fd() }

// cursorReport is a terminal's answer to ESC [ 6 n: ESC [ row ; column R.
var cursorReport = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\x1b\[\d+;\d+R`) })

func (r *keyReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		// Once ctx has ended, nothing more is handed out: survey, which ignores
		// the error of a cursor-position query, must see every read fail.
		if err := r.ctx.Err(); err != nil {
			return 0, err
		}
		r.mu.Lock()
		if r.cpr > 0 {
			if loc := cursorReport().FindIndex(r.pending); loc != nil {
				n := copy(p, r.pending[loc[0]:loc[1]])
				r.pending = append(r.pending[:loc[0]], r.pending[loc[0]+n:]...)
				r.cpr--
				r.mu.Unlock()
				return n, nil
			}
		} else if len(r.pending) > 0 {
			n := copy(p, r.pending[:keyLength(r.pending)])
			r.pending = r.pending[n:]
			r.mu.Unlock()
			return n, nil
		}
		if r.readErr != nil {
			err := r.readErr
			r.mu.Unlock()
			return 0, err
		}
		if r.reading == nil {
			r.reading = make(chan struct{})
			go r.fill(r.reading)
		}
		reading := r.reading
		r.mu.Unlock()

		select {
		case <-reading:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
	}
}

// fill reads once from the terminal into pending.
func (r *keyReader) fill(done chan struct{}) {
	buf := make([]byte, 1024)
	n, err := r.file.Read(buf)
	r.mu.Lock()
	r.pending = append(r.pending, buf[:n]...)
	if n == 0 && err != nil {
		r.readErr = err
	}
	r.reading = nil
	r.mu.Unlock()
	close(done)
}

// expectCursorReports notes that n cursor-position requests went out.
func (r *keyReader) expectCursorReports(n int) {
	r.mu.Lock()
	r.cpr += n
	r.mu.Unlock()
}

// keyLength is the length of the key that b starts with: an escape sequence
// (ESC [ parameters final-byte, or ESC O letter) as far as b holds it, else
// one byte. survey decodes multi-byte UTF-8 runes by reading on, byte by byte.
func keyLength(b []byte) int {
	if b[0] != 0x1b || len(b) == 1 {
		return 1
	}
	switch b[1] {
	case 'O':
		return min(3, len(b))
	case '[':
		for i := 2; i < len(b); i++ {
			if b[i] >= 0x40 && b[i] <= 0x7e { // the final byte of a CSI sequence
				return i + 1
			}
		}
		return len(b)
	}
	return 1
}

// cprWriter is the terminal output as survey writes it: it tells the
// keyReader when survey asks where the cursor is.
type cprWriter struct {
	*os.File
	keys *keyReader
}

var cursorRequest = []byte("\x1b[6n")

func (w cprWriter) Write(p []byte) (int, error) {
	if n := bytes.Count(p, cursorRequest); n > 0 {
		w.keys.expectCursorReports(n)
	}
	return w.File.Write(p)
}

//go:build e2e

package e2e

import (
	"io"
	"net"
	"regexp"
	"sync"
	"testing"
	"time"
)

// forwarder passes the TCP connections it accepts on to a server until it is
// cut, which closes the listener and every connection through it, as a
// network failure or a server that went away would; restore listens again on
// the same address. Tests use it to let containers reach a server that
// listens on the host's loopback only, and to take Redis away from a running
// server and give it back. It is cut when the test ends.
type forwarder struct {
	t      *testing.T
	addr   string              // where it listens
	target string              // the server it forwards to
	accept func(net.Addr) bool // which clients it serves; nil for all

	mu    sync.Mutex
	l     net.Listener
	conns []net.Conn
}

// startForwarder listens on listen (a port of 0 picks a free one, kept by
// restore) and forwards to target.
func startForwarder(t *testing.T, listen, target string, accept func(net.Addr) bool) *forwarder {
	t.Helper()
	f := &forwarder{t: t, addr: listen, target: target, accept: accept}
	f.restore()
	t.Cleanup(f.cut)
	return f
}

// restore listens again and forwards every connection it accepts.
func (f *forwarder) restore() {
	f.t.Helper()
	l, err := net.Listen("tcp", f.addr)
	if err != nil {
		f.t.Fatalf("forwarder to %s: %v", f.target, err)
	}
	f.mu.Lock()
	f.l, f.addr = l, l.Addr().String()
	f.mu.Unlock()
	go func() {
		for {
			client, err := l.Accept()
			if err != nil {
				return // cut
			}
			if f.accept != nil && !f.accept(client.RemoteAddr()) {
				client.Close()
				continue
			}
			upstream, err := net.DialTimeout("tcp", f.target, 5*time.Second)
			if err != nil {
				client.Close()
				continue
			}
			f.mu.Lock()
			f.conns = append(f.conns, client, upstream)
			f.mu.Unlock()
			go func() { _, _ = io.Copy(upstream, client); upstream.Close() }()
			go func() { _, _ = io.Copy(client, upstream); client.Close() }()
		}
	}()
}

// cut stops listening and closes every forwarded connection.
func (f *forwarder) cut() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.l != nil {
		f.l.Close()
		f.l = nil
	}
	for _, c := range f.conns {
		c.Close()
	}
	f.conns = nil
}

// reachableFromContainers rewrites a URL of a server on 127.0.0.1 so that a
// container can reach it: the servers listen on the host's loopback only, so
// a forwarder listens on the host's outward address (the only one a
// container's bridge can reach) and serves connections from the container
// network only.
func reachableFromContainers(t *testing.T, url string) (forwarded string, f *forwarder) {
	t.Helper()
	re := regexp.MustCompile(`@127\.0\.0\.1:(\d+)/`)
	m := re.FindStringSubmatch(url)
	if m == nil {
		t.Fatalf("cannot forward %s: not a 127.0.0.1 URL", url)
	}
	hostIP := outwardAddress(t)
	f = startForwarder(t, net.JoinHostPort(hostIP, "0"), "127.0.0.1:"+m[1], fromContainer)
	_, port, _ := net.SplitHostPort(f.addr)
	return re.ReplaceAllString(url, "@"+net.JoinHostPort(hostIP, port)+"/"), f
}

// fromContainer accepts the private ranges container networks use.
func fromContainer(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsPrivate()
}

// outwardAddress is the host address of the default route: a UDP "connection"
// sends nothing, it only picks the source address.
func outwardAddress(t *testing.T) string {
	t.Helper()
	conn, err := net.Dial("udp", "198.51.100.1:9") // TEST-NET-2: routed, never answered
	if err != nil {
		t.Fatalf("finding the host's outward address for containers: %v", err)
	}
	defer conn.Close()
	return conn.LocalAddr().(*net.UDPAddr).IP.String()
}

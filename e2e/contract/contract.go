// Package contract checks a running backend against the HTTP contract that
// every jsforge preset honours (docs/contract.md).
// Status codes are the contract; error bodies may take the framework's shape.
package contract

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Server is a running backend under test.
type Server struct {
	BaseURL   string
	Auth      bool   // the project was generated with --auth jwt
	JWTSecret string // the secret the server signs with, to forge expired tokens
	// BodyLimit is a size in bytes the server must refuse with 413.
	BodyLimit int
}

// Check runs the whole contract as subtests.
func Check(t *testing.T, s Server) {
	c := &client{t: t, base: s.BaseURL, http: &http.Client{Timeout: 10 * time.Second}}

	t.Run("health", func(t *testing.T) {
		c := c.with(t)
		r := c.do("GET", "/health", nil, "")
		r.status(200)
		var body map[string]any
		r.decode(&body)
		if body["status"] != "ok" {
			t.Errorf("GET /health body %s, want {\"status\":\"ok\"}", r.body)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("no security headers: X-Content-Type-Options = %q", r.header.Get("X-Content-Type-Options"))
		}
	})

	t.Run("cors", func(t *testing.T) {
		c := c.with(t)
		req, _ := http.NewRequest("OPTIONS", c.base+"/api/todos", nil)
		req.Header.Set("Origin", "https://example.com")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type,authorization")
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 300 || resp.Header.Get("Access-Control-Allow-Origin") == "" {
			t.Errorf("CORS preflight: status %d, Access-Control-Allow-Origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
	})

	t.Run("unknown route is 404 JSON", func(t *testing.T) {
		c := c.with(t)
		r := c.do("GET", "/no/such/route", nil, "")
		r.status(404)
		r.isJSON()
	})

	var alice, bob string
	if s.Auth {
		t.Run("auth", func(t *testing.T) {
			c := c.with(t)
			email := fmt.Sprintf("alice-%d@example.com", time.Now().UnixNano())
			r := c.post("/api/auth/register", map[string]any{"email": email, "password": "correct horse"}, "")
			r.status(201)
			var user map[string]any
			r.decode(&user)
			if user["email"] != email || user["id"] == nil {
				t.Errorf("register body %s, want {id, email}", r.body)
			}
			for k := range user {
				if strings.Contains(strings.ToLower(k), "password") || strings.Contains(strings.ToLower(k), "hash") {
					t.Errorf("register leaks %q: %s", k, r.body)
				}
			}
			c.post("/api/auth/register", map[string]any{"email": email, "password": "correct horse"}, "").status(409)
			c.post("/api/auth/register", map[string]any{"email": "not-an-email", "password": "correct horse"}, "").status(400)
			c.post("/api/auth/register", map[string]any{"email": "short@example.com", "password": "1234567"}, "").status(400)
			c.post("/api/auth/register", map[string]any{"email": "nopass@example.com"}, "").status(400)
			c.post("/api/auth/register", map[string]any{"email": email, "password": "correct horse"}, "").isJSON()

			c.post("/api/auth/login", map[string]any{"email": email, "password": "wrong password"}, "").status(401)
			c.post("/api/auth/login", map[string]any{"email": "nobody@example.com", "password": "correct horse"}, "").status(401)
			alice = c.login(email, "correct horse")

			r = c.do("GET", "/api/auth/me", nil, alice)
			r.status(200)
			var me map[string]any
			r.decode(&me)
			if me["email"] != email || fmt.Sprint(me["id"]) != fmt.Sprint(user["id"]) {
				t.Errorf("me = %s, want id %v and email %s", r.body, user["id"], email)
			}
			c.do("GET", "/api/auth/me", nil, "").status(401)
			c.do("GET", "/api/auth/me", nil, "not-a-jwt").status(401)
			c.do("GET", "/api/auth/me", nil, signHS256(map[string]any{"sub": fmt.Sprint(user["id"]), "email": email, "exp": time.Now().Add(time.Hour).Unix()}, "some other secret")).status(401)
			if s.JWTSecret != "" {
				expired := signHS256(map[string]any{"sub": fmt.Sprint(user["id"]), "email": email, "iat": time.Now().Add(-2 * time.Hour).Unix(), "exp": time.Now().Add(-time.Hour).Unix()}, s.JWTSecret)
				c.do("GET", "/api/auth/me", nil, expired).status(401)
			}

			if s.JWTSecret != "" {
				// A correctly signed token must still carry exp and sub.
				noExp := signHS256(map[string]any{"sub": fmt.Sprint(user["id"]), "email": email, "iat": time.Now().Unix()}, s.JWTSecret)
				c.do("GET", "/api/auth/me", nil, noExp).status(401)
				noSub := signHS256(map[string]any{"email": email, "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}, s.JWTSecret)
				c.do("GET", "/api/auth/me", nil, noSub).status(401)
			}

			// Emails are one account whatever their case.
			mixed := fmt.Sprintf("Carol-%d@Example.COM", time.Now().UnixNano())
			c.post("/api/auth/register", map[string]any{"email": mixed, "password": "correct horse"}, "").status(201)
			c.post("/api/auth/register", map[string]any{"email": strings.ToLower(mixed), "password": "correct horse"}, "").status(409)
			c.login(strings.ToUpper(mixed), "correct horse")

			// Bodies of any JSON type but an object are 400, never 500.
			for _, path := range []string{"/api/auth/register", "/api/auth/login"} {
				for _, body := range oddBodies {
					r := c.raw("POST", path, "application/json", []byte(body), "")
					r.status(400)
					r.isJSON()
				}
			}

			checkLoginTiming(t, c, email)

			bobEmail := fmt.Sprintf("bob-%d@example.com", time.Now().UnixNano())
			c.post("/api/auth/register", map[string]any{"email": bobEmail, "password": "battery staple"}, "").status(201)
			bob = c.login(bobEmail, "battery staple")
		})
		if alice == "" || bob == "" {
			t.Fatal("cannot check the todos without two users")
		}
	} else {
		t.Run("no auth routes", func(t *testing.T) {
			c.with(t).post("/api/auth/register", map[string]any{"email": "a@example.com", "password": "correct horse"}, "").status(404)
		})
	}

	t.Run("todos", func(t *testing.T) {
		c := c.with(t)
		if s.Auth {
			c.do("GET", "/api/todos", nil, "").status(401)
			c.post("/api/todos", map[string]any{"title": "x"}, "").status(401)
		}
		created := c.post("/api/todos", map[string]any{"title": "Write the contract test"}, alice)
		created.status(201)
		var todo map[string]any
		created.decode(&todo)
		if todo["title"] != "Write the contract test" || todo["done"] != false || todo["id"] == nil {
			t.Fatalf("created todo %s, want {id, title, done:false}", created.body)
		}
		path := fmt.Sprintf("/api/todos/%v", todo["id"])

		c.post("/api/todos", map[string]any{}, alice).status(400)
		c.post("/api/todos", map[string]any{"title": ""}, alice).status(400)
		c.post("/api/todos", map[string]any{"title": strings.Repeat("x", 10000)}, alice).status(400)
		c.post("/api/todos", map[string]any{"title": 42}, alice).status(400)

		r := c.do("GET", "/api/todos", nil, alice)
		r.status(200)
		var list []map[string]any
		r.decode(&list)
		if !containsID(list, todo["id"]) {
			t.Errorf("GET /api/todos = %s, want it to contain %v", r.body, todo["id"])
		}

		c.do("GET", path, nil, alice).status(200)
		r = c.do("PATCH", path, map[string]any{"done": true}, alice)
		r.status(200)
		var patched map[string]any
		r.decode(&patched)
		if patched["done"] != true || patched["title"] != "Write the contract test" {
			t.Errorf("PATCH done=true gave %s", r.body)
		}
		r = c.do("PATCH", path, map[string]any{"title": "Renamed"}, alice)
		r.status(200)
		r.decode(&patched)
		if patched["title"] != "Renamed" || patched["done"] != true {
			t.Errorf("PATCH title gave %s", r.body)
		}
		c.do("PATCH", path, map[string]any{"title": ""}, alice).status(400)
		c.do("PATCH", path, map[string]any{"done": "yes"}, alice).status(400)
		// Strings every database of the preset can store: PostgreSQL's text cannot hold NUL.
		c.post("/api/todos", map[string]any{"title": "nul\x00byte"}, alice).status(400)
		c.do("PATCH", path, map[string]any{"title": "nul\x00byte"}, alice).status(400)
		for _, body := range oddBodies {
			c.raw("POST", "/api/todos", "application/json", []byte(body), alice).status(400)
			c.raw("PATCH", path, "application/json", []byte(body), alice).status(400)
		}
		// Ids of any shape are 400 or 404, never 500.
		for _, id := range oddIDs {
			for _, method := range []string{"GET", "PATCH", "DELETE"} {
				var body any
				if method == "PATCH" {
					body = map[string]any{"done": true}
				}
				r := c.do(method, "/api/todos/"+id, body, alice)
				r.statusIn(400, 404)
				r.isJSON()
			}
		}
		c.do("GET", "/api/todos/999999999", nil, alice).status(404)
		c.do("PATCH", "/api/todos/999999999", map[string]any{"done": true}, alice).status(404)
		c.do("DELETE", "/api/todos/999999999", nil, alice).status(404)

		if s.Auth {
			// Another user sees none of it.
			c.do("GET", path, nil, bob).status(404)
			c.do("PATCH", path, map[string]any{"done": false}, bob).status(404)
			c.do("DELETE", path, nil, bob).status(404)
			r = c.do("GET", "/api/todos", nil, bob)
			r.status(200)
			var bobs []map[string]any
			r.decode(&bobs)
			if containsID(bobs, todo["id"]) {
				t.Errorf("bob's list %s holds alice's todo", r.body)
			}
		}

		c.do("DELETE", path, nil, alice).status(204)
		c.do("GET", path, nil, alice).status(404)
		c.do("DELETE", path, nil, alice).status(404)
	})

	t.Run("malformed JSON is 400", func(t *testing.T) {
		c := c.with(t)
		target := "/api/todos"
		if s.Auth {
			target = "/api/auth/register"
		}
		r := c.raw("POST", target, "application/json", []byte(`{"email": "a@example.com",`), alice)
		r.status(400)
		r.isJSON()
	})

	t.Run("oversized body is 413", func(t *testing.T) {
		c := c.with(t)
		big, _ := json.Marshal(map[string]any{"title": strings.Repeat("x", s.BodyLimit)})
		target := "/api/todos"
		if s.Auth {
			target = "/api/auth/register"
		}
		r := c.raw("POST", target, "application/json", big, alice)
		r.status(413)
		r.isJSON()
	})

	t.Run("unsupported method is 404 or 405 JSON", func(t *testing.T) {
		c := c.with(t)
		r := c.do("PUT", "/api/todos", map[string]any{"title": "x"}, alice)
		r.statusIn(404, 405)
		r.isJSON()
	})

	if s.Auth {
		t.Run("failed logins are limited per account", func(t *testing.T) {
			c := c.with(t)
			email := fmt.Sprintf("dave-%d@example.com", time.Now().UnixNano())
			c.post("/api/auth/register", map[string]any{"email": email, "password": "correct horse"}, "").status(201)
			for range maxFailedLogins {
				r := c.post("/api/auth/login", map[string]any{"email": email, "password": "wrong password"}, "")
				if r.code == 429 {
					r.isJSON()
					return
				}
				if r.code != 401 {
					r.status(401)
					return
				}
			}
			t.Errorf("%d wrong passwords in a row for one account were all answered 401; want 429 (JSON) before that", maxFailedLogins)
		})
	}
}

// maxFailedLogins is how many wrong passwords in a row for one account the
// contract tries before it expects a 429: OWASP suggests locking out after
// 3 to 10, and this leaves room for a preset's own choice.
const maxFailedLogins = 25

// oddBodies are JSON texts that are not objects.
var oddBodies = []string{`null`, `0`, `""`, `"text"`, `[]`, `[{"title":"x"}]`, `true`}

// oddIDs are path segments no todo has: too large for any integer column,
// not numbers, negative, fractional, encoded NUL.
var oddIDs = []string{strings.Repeat("9", 400), "abc", "-1", "1.5", "%00", "1e3"}

// checkLoginTiming compares a wrong password for a registered email with a
// login for an email nobody registered: both must do the same password work,
// or the answer time tells which emails have accounts. The medians must not
// differ by a factor of four (the measured leak was about 60 times).
func checkLoginTiming(t *testing.T, c *client, registered string) {
	t.Helper()
	const rounds = 3 // few: each wrong password counts against the account's limit
	var known, unknown []time.Duration
	for i := range rounds {
		start := time.Now()
		c.post("/api/auth/login", map[string]any{"email": registered, "password": "wrong password"}, "").status(401)
		known = append(known, time.Since(start))
		start = time.Now()
		c.post("/api/auth/login", map[string]any{"email": fmt.Sprintf("nobody-%d-%d@example.com", time.Now().UnixNano(), i), "password": "wrong password"}, "").status(401)
		unknown = append(unknown, time.Since(start))
	}
	k, u := median(known), median(unknown)
	if k > 20*time.Millisecond && u*4 < k {
		t.Errorf("login for an unknown email takes %s, for a registered one with a wrong password %s: the time tells which emails are registered (verify against a dummy hash)", u, k)
	}
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	slices.Sort(s)
	return s[len(s)/2]
}

// Unhealthy checks that /health reports a database that went away.
func Unhealthy(t *testing.T, baseURL string) {
	c := &client{t: t, base: baseURL, http: &http.Client{Timeout: 10 * time.Second}}
	c.do("GET", "/health", nil, "").status(503)
}

func containsID(list []map[string]any, id any) bool {
	for _, item := range list {
		if fmt.Sprint(item["id"]) == fmt.Sprint(id) {
			return true
		}
	}
	return false
}

// signHS256 makes a JWT the way any HS256 signer would.
func signHS256(claims map[string]any, secret string) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	payload, _ := json.Marshal(claims)
	signing := header + "." + enc.EncodeToString(payload)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(mac.Sum(nil))
}

type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (c *client) with(t *testing.T) *client {
	cc := *c
	cc.t = t
	return &cc
}

type response struct {
	t      *testing.T
	what   string
	code   int
	header http.Header
	body   []byte
}

func (c *client) post(path string, body any, token string) *response {
	return c.do("POST", path, body, token)
}

func (c *client) do(method, path string, body any, token string) *response {
	var data []byte
	if body != nil {
		data, _ = json.Marshal(body)
	}
	ct := ""
	if body != nil {
		ct = "application/json"
	}
	return c.raw(method, path, ct, data, token)
}

func (c *client) raw(method, path, contentType string, body []byte, token string) *response {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	what := method + " " + path
	if len(body) > 0 && len(body) < 200 {
		what += " " + string(body)
	}
	return &response{t: c.t, what: what, code: resp.StatusCode, header: resp.Header, body: data}
}

func (c *client) login(email, password string) string {
	c.t.Helper()
	r := c.post("/api/auth/login", map[string]any{"email": email, "password": password}, "")
	r.status(200)
	var body struct {
		Token string `json:"token"`
	}
	r.decode(&body)
	if body.Token == "" {
		c.t.Fatalf("login gave no token: %s", r.body)
	}
	return body.Token
}

func (r *response) status(want int) {
	r.t.Helper()
	if r.code != want {
		r.t.Errorf("%s: status %d, want %d; body %s", r.what, r.code, want, truncate(r.body))
	}
}

func (r *response) statusIn(want ...int) {
	r.t.Helper()
	if !slices.Contains(want, r.code) {
		r.t.Errorf("%s: status %d, want one of %v; body %s", r.what, r.code, want, truncate(r.body))
	}
}

func (r *response) decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		r.t.Errorf("%s: body is not the expected JSON (%v): %s", r.what, err, truncate(r.body))
	}
}

func (r *response) isJSON() {
	r.t.Helper()
	if ct := r.header.Get("Content-Type"); !strings.Contains(ct, "json") || !json.Valid(r.body) {
		r.t.Errorf("%s: want a JSON body, got %q: %s", r.what, ct, truncate(r.body))
	}
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

package contract

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jsforge/jsforge/internal/resource"
)

// CheckResource checks a resource added by `jsforge add resource` against
// the contract of docs/resources.md: CRUD, every field type's valid and
// invalid values, optional fields, unique fields, and with authentication,
// tokens and ownership.
func CheckResource(t *testing.T, s Server, r *resource.Resource) {
	c := &client{t: t, base: s.BaseURL, http: &http.Client{Timeout: 10 * time.Second}}
	base := "/api/" + r.KebabPlural
	g := &generator{r: r, serial: int(time.Now().UnixNano() % 1_000_000)}

	var alice, bob string
	if s.Auth {
		for _, token := range []*string{&alice, &bob} {
			email := fmt.Sprintf("%s-%d@example.com", r.Kebab, time.Now().UnixNano())
			c.post("/api/auth/register", map[string]any{"email": email, "password": "correct horse"}, "").status(201)
			*token = c.login(email, "correct horse")
		}
	}
	create := func(c *client, values map[string]any) map[string]any {
		c.t.Helper()
		res := c.post(base, values, alice)
		res.status(201)
		var got map[string]any
		res.decode(&got)
		return got
	}
	pathOf := func(record map[string]any) string { return fmt.Sprintf("%s/%v", base, record["id"]) }

	if s.Auth {
		t.Run("needs a token", func(t *testing.T) {
			c := c.with(t)
			c.do("GET", base, nil, "").status(401)
			c.post(base, g.sample(), "").status(401)
			c.do("GET", base+"/1", nil, "").status(401)
			c.do("PATCH", base+"/1", g.sample(), "").status(401)
			c.do("DELETE", base+"/1", nil, "").status(401)
		})
	}

	t.Run("crud", func(t *testing.T) {
		c := c.with(t)
		values := g.sample()
		created := create(c, values)
		g.same(t, "POST "+base, created, values)
		path := pathOf(created)

		var list []map[string]any
		c.do("GET", base, nil, alice).decode(&list)
		if !containsID(list, created["id"]) {
			t.Errorf("GET %s does not list the new record %v", base, created["id"])
		}
		var got map[string]any
		res := c.do("GET", path, nil, alice)
		res.status(200)
		res.decode(&got)
		g.same(t, "GET "+path, got, values)

		changes := g.sample()
		for _, f := range r.Fields {
			res := c.do("PATCH", path, map[string]any{f.Name: changes[f.Name]}, alice)
			res.status(200)
			var updated map[string]any
			res.decode(&updated)
			if !jsonEqual(updated[f.Name], changes[f.Name]) {
				t.Errorf("PATCH %s {%s: %v} answered %s = %v", path, f.Name, changes[f.Name], f.Name, updated[f.Name])
			}
		}
		c.do("GET", path, nil, alice).decode(&got)
		g.same(t, "GET "+path+" after the changes", got, changes)

		c.do("DELETE", path, nil, alice).status(204)
		c.do("GET", path, nil, alice).status(404)
		c.do("PATCH", path, g.sample(), alice).status(404)
		c.do("DELETE", path, nil, alice).status(404)
	})

	if r.HasOptional() {
		t.Run("optional fields", func(t *testing.T) {
			c := c.with(t)
			values := g.sample()
			nulls := map[string]any{}
			for _, f := range r.Fields {
				if f.Optional {
					delete(values, f.Name)
					nulls[f.Name] = nil
				}
			}
			created := create(c, values)
			for name := range nulls {
				if v, ok := created[name]; !ok || v != nil {
					t.Errorf("POST %s without %s answered %s = %v (present: %t), want null", base, name, name, v, ok)
				}
			}
			set := g.sample()
			res := c.do("PATCH", pathOf(created), set, alice)
			res.status(200)
			res = c.do("PATCH", pathOf(created), nulls, alice)
			res.status(200)
			var cleared map[string]any
			res.decode(&cleared)
			for name := range nulls {
				if cleared[name] != nil {
					t.Errorf("PATCH %s %s: null answered %v", pathOf(created), name, cleared[name])
				}
			}
		})
	}

	t.Run("invalid values are 400", func(t *testing.T) {
		c := c.with(t)
		existing := create(c, g.sample())
		path := pathOf(existing)
		for _, f := range r.Fields {
			if !f.Optional {
				values := g.sample()
				delete(values, f.Name)
				c.post(base, values, alice).status(400)
				values = g.sample()
				values[f.Name] = nil
				c.post(base, values, alice).status(400)
				c.do("PATCH", path, map[string]any{f.Name: nil}, alice).status(400)
			}
			for _, bad := range invalidValues(f.Type) {
				values := g.sample()
				values[f.Name] = bad
				c.post(base, values, alice).status(400)
				c.do("PATCH", path, map[string]any{f.Name: bad}, alice).status(400)
			}
		}
		unknown := g.sample()
		unknown["notAField"] = 1
		c.post(base, unknown, alice).status(400)
		c.do("PATCH", path, map[string]any{"notAField": 1}, alice).status(400)
		c.do("PATCH", path, map[string]any{}, alice).status(400)
		for _, body := range []string{"null", "0", `"text"`, "true", "[]", "[{}]", `{"a":`} {
			c.raw("POST", base, "application/json", []byte(body), alice).status(400)
			c.raw("PATCH", path, "application/json", []byte(body), alice).status(400)
		}
		var got map[string]any
		c.do("GET", path, nil, alice).decode(&got)
		g.same(t, "GET "+path+" after refused changes", got, withoutID(existing))
	})

	t.Run("edges of each type", func(t *testing.T) {
		c := c.with(t)
		for _, f := range r.Fields {
			for _, e := range edgeValues(f) {
				values := g.sample()
				values[f.Name] = e.sent
				res := c.post(base, values, alice)
				res.status(201)
				var created map[string]any
				res.decode(&created)
				if !jsonEqual(created[f.Name], e.answered) {
					t.Errorf("POST %s with %s = %.40v answered %v, want %v", base, f.Name, e.sent, created[f.Name], e.answered)
				}
				if created["id"] != nil {
					c.do("DELETE", pathOf(created), nil, alice).status(204)
				}
			}
		}
	})

	if r.HasUnique() {
		t.Run("unique values are 409", func(t *testing.T) {
			c := c.with(t)
			first := create(c, g.sample())
			second := create(c, g.sample())
			for _, f := range r.Fields {
				if !f.Unique {
					continue
				}
				values := g.sample()
				values[f.Name] = first[f.Name]
				c.post(base, values, alice).status(409)
				c.do("PATCH", pathOf(second), map[string]any{f.Name: first[f.Name]}, alice).status(409)
			}
		})
	}

	t.Run("ids of other shapes", func(t *testing.T) {
		c := c.with(t)
		c.do("GET", base+"/999999999", nil, alice).status(404)
		for _, id := range []string{"0", "-1", "abc", "1.5", "99999999999", "1e3", "%20"} {
			c.do("GET", base+"/"+id, nil, alice).statusIn(400, 404)
			c.do("DELETE", base+"/"+id, nil, alice).statusIn(400, 404)
		}
	})

	if s.Auth {
		t.Run("ownership", func(t *testing.T) {
			c := c.with(t)
			mine := create(c, g.sample())
			path := pathOf(mine)
			var theirs []map[string]any
			c.do("GET", base, nil, bob).decode(&theirs)
			if containsID(theirs, mine["id"]) {
				t.Errorf("another user's GET %s lists record %v", base, mine["id"])
			}
			c.do("GET", path, nil, bob).status(404)
			c.do("PATCH", path, g.sample(), bob).status(404)
			c.do("DELETE", path, nil, bob).status(404)
			c.do("GET", path, nil, alice).status(200)
		})
	}
}

// generator makes valid records whose values no other record has.
type generator struct {
	r      *resource.Resource
	serial int
}

func (g *generator) sample() map[string]any {
	g.serial++
	n := g.serial
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%3000)
	v := map[string]any{}
	for _, f := range g.r.Fields {
		switch f.Type {
		case "string":
			v[f.Name] = fmt.Sprintf("%s %d ✓", f.Words, n)
		case "text":
			v[f.Name] = fmt.Sprintf("Text %d\nover \"two\" lines", n)
		case "integer":
			v[f.Name] = n
		case "number":
			v[f.Name] = float64(n) + 0.25
		case "boolean":
			v[f.Name] = n%2 == 0
		case "date":
			v[f.Name] = day.Format(time.DateOnly)
		case "datetime":
			v[f.Name] = day.Add(time.Duration(n%86400)*time.Second + 250*time.Millisecond).Format("2006-01-02T15:04:05.000Z")
		case "uuid":
			v[f.Name] = fmt.Sprintf("8f14e45f-ceea-467f-a0e6-%012x", n)
		}
	}
	return v
}

// same reports each field of got that differs from want.
func (g *generator) same(t *testing.T, what string, got, want map[string]any) {
	t.Helper()
	if got["id"] == nil {
		t.Errorf("%s: no id in %v", what, got)
	}
	for _, f := range g.r.Fields {
		if !jsonEqual(got[f.Name], want[f.Name]) {
			t.Errorf("%s: %s = %#v, want %#v", what, f.Name, got[f.Name], want[f.Name])
		}
	}
	for k := range got {
		if k == "id" {
			continue
		}
		if _, ok := want[k]; !ok && !g.isField(k) {
			t.Errorf("%s: answers %q, which is not a field (records are the id and the fields only)", what, k)
		}
	}
}

func (g *generator) isField(name string) bool {
	for _, f := range g.r.Fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func withoutID(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if k != "id" {
			out[k] = v
		}
	}
	return out
}

// invalidValues are values of the wrong type or out of range, per type.
func invalidValues(typ string) []any {
	switch typ {
	case "string":
		return []any{42, "", "   ", strings.Repeat("x", 256), "nul\x00byte", true}
	case "text":
		return []any{42, strings.Repeat("x", 10001), "nul\x00byte"}
	case "integer":
		return []any{1.5, "1", 2147483648, -2147483649, true}
	case "number":
		return []any{"1", true, []any{1}}
	case "boolean":
		return []any{"yes", 1, "true"}
	case "date":
		return []any{"2026-02-30", "2026-13-01", "01/12/2026", "2026-12-01T09:30:00Z", 20261201}
	case "datetime":
		return []any{"2026-12-01", "yesterday", "2026-12-01T25:00:00Z", "2026-12-01T09:30:00", 1764581400000}
	case "uuid":
		return []any{"not-a-uuid", "8f14e45f-ceea-467f-a0e6-1c2b3d4e5f6", "8f14e45fceea467fa0e61c2b3d4e5f60", 42}
	}
	return nil
}

type edge struct{ sent, answered any }

// edgeValues are valid values at the edges of a type, with the canonical
// form the server must answer.
func edgeValues(f resource.Field) []edge {
	switch f.Type {
	case "string":
		return []edge{{strings.Repeat("é", 255), strings.Repeat("é", 255)}, {"  padded  ", "  padded  "}}
	case "text":
		return []edge{{strings.Repeat("x", 10000), strings.Repeat("x", 10000)}}
	case "integer":
		return []edge{{2147483647, 2147483647}, {-2147483648, -2147483648}}
	case "number":
		return []edge{{-0.000123, -0.000123}, {1e300, 1e300}}
	case "date":
		return []edge{{"2024-02-29", "2024-02-29"}, {"1999-12-31", "1999-12-31"}}
	case "datetime":
		return []edge{{"2026-12-01T10:30:00+01:00", "2026-12-01T09:30:00.000Z"}, {"2026-06-30T23:59:59.999Z", "2026-06-30T23:59:59.999Z"}}
	case "uuid":
		return []edge{{"0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}}
	}
	return nil
}

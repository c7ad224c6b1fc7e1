//go:build e2e

package e2e

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/jsforge/jsforge/presets"
)

// combo is one set of option answers for a preset.
type combo map[string]string

func (c combo) String() string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + c[k]
	}
	return strings.Join(parts, ",")
}

// orderedValues lists an option's values with the default first.
func orderedValues(o presets.Option) []string {
	values := []string{o.Default}
	for _, v := range o.Values() {
		if v != o.Default {
			values = append(values, v)
		}
	}
	return values
}

// defaults is the combination `jsforge new --yes` makes.
func defaults(p *presets.Preset) combo {
	c := combo{}
	for _, o := range p.Options {
		c[o.Name] = o.Default
	}
	return c
}

// paired are the options whose every pairing the ladder climbs: the database
// and the data layer together decide the drivers, migrations and queries,
// which is where generated code differs most.
var paired = []string{"db", "orm"}

// covering returns the combinations the ladder climbs: every pairing of the
// paired options' values, the preset's defaults first, while the other options
// rotate through their values, so every value of every option appears too
// (TestCoveringUsesEveryValue holds it to that). Presets rotate differently
// (shift is the preset's position), so across presets more pairs are
// exercised. It is derived from the manifest: a new option value is covered
// without touching this file.
func covering(p *presets.Preset, shift int) []combo {
	pairs := []combo{{}}
	for _, name := range paired {
		o, ok := p.Option(name)
		if !ok {
			continue
		}
		var next []combo
		for _, c := range pairs {
			for _, v := range orderedValues(o) {
				next = append(next, with(c, name, v))
			}
		}
		pairs = next
	}
	others := pairs[1:] // pairs[0] holds the defaults, climbed as they are
	rounds := len(others)
	for _, o := range p.Options {
		if n := len(o.Values()) - 1; n > rounds { // too few pairings to show every value
			rounds = n
		}
	}
	out := []combo{defaults(p)}
	for k := range rounds {
		c := pairs[0].clone()
		if len(others) > 0 {
			c = others[k%len(others)].clone()
		}
		for j, o := range p.Options {
			if _, isPaired := c[o.Name]; isPaired {
				continue
			}
			// The defaults combination already shows the default, so the
			// non-default values come first. The rotation is phase-shifted per
			// preset and option only when there are turns enough to show every
			// value anyway, and it moves on after each full turn so that a
			// rotating option does not keep step with a paired one.
			values := append(orderedValues(o)[1:], o.Default)
			phase := 0
			if rounds >= len(values) {
				phase = shift * (j + 1)
			}
			c[o.Name] = values[(k+k/len(values)+phase)%len(values)]
		}
		out = append(out, c)
	}
	return withTogether(p, out)
}

// together are option values some combination must climb together: the
// two-instance check (scaleout_test.go) needs Redis and something to log in
// to. When the rotation never pairs them, the first combination with the first
// value takes the second too; when that would leave a value of an option
// climbed nowhere (a preset with few combinations, where one round holds both
// non-default values), a combination with the second value takes the first
// instead, and failing that one more combination climbs the pair.
var together = [][2][2]string{{{"cache", "redis"}, {"auth", "jwt"}}}

func withTogether(p *presets.Preset, combos []combo) []combo {
	for _, pair := range together {
		a, b := pair[0], pair[1]
		if _, ok := p.Option(a[0]); !ok {
			continue
		}
		if _, ok := p.Option(b[0]); !ok {
			continue
		}
		if slices.ContainsFunc(combos, func(c combo) bool { return c[a[0]] == a[1] && c[b[0]] == b[1] }) {
			continue
		}
		combos = pairUp(p, combos, a, b)
	}
	return combos
}

// pairUp gives one combination both values, keeping every value of every
// option climbed; the defaults (combos[0]) stay as they are.
func pairUp(p *presets.Preset, combos []combo, a, b [2]string) []combo {
	var extra combo
	for _, order := range [][2][2]string{{a, b}, {b, a}} {
		has, give := order[0], order[1]
		for i := 1; i < len(combos); i++ {
			if combos[i][has[0]] != has[1] {
				continue
			}
			next := slices.Clone(combos)
			next[i] = with(combos[i], give[0], give[1])
			if climbsEveryValue(p, next) {
				return next
			}
			if extra == nil {
				extra = next[i]
			}
		}
	}
	if extra == nil {
		extra = with(with(combos[0], a[0], a[1]), b[0], b[1])
	}
	return append(combos, extra)
}

// climbsEveryValue reports whether every value of every option of p is in one of combos.
func climbsEveryValue(p *presets.Preset, combos []combo) bool {
	for _, o := range p.Options {
		for _, v := range o.Values() {
			if !slices.ContainsFunc(combos, func(c combo) bool { return c[o.Name] == v }) {
				return false
			}
		}
	}
	return true
}

// with returns a copy of c with name set to value.
func with(c combo, name, value string) combo {
	out := c.clone()
	out[name] = value
	return out
}

func (c combo) clone() combo {
	out := make(combo, len(c)+1)
	for k, v := range c {
		out[k] = v
	}
	return out
}

func TestCoveringUsesEveryValue(t *testing.T) {
	reg, err := presets.Load()
	if err != nil {
		t.Fatal(err)
	}
	for shift, p := range reg.All() {
		combos := covering(p, shift)
		if got, want := combos[0].String(), defaults(p).String(); got != want {
			t.Errorf("%s: first combination %s, want the defaults %s", p.Name, got, want)
		}
		seen := map[string]bool{}
		for _, c := range combos {
			for name, value := range c {
				seen[name+"="+value] = true
			}
			seen[c["db"]+"+"+c["orm"]] = true
		}
		for _, o := range p.Options {
			for _, v := range o.Values() {
				if !seen[o.Name+"="+v] {
					t.Errorf("%s: no combination climbs %s=%s in %v", p.Name, o.Name, v, combos)
				}
			}
		}
		for _, pair := range together {
			_, hasA := p.Option(pair[0][0])
			_, hasB := p.Option(pair[1][0])
			found := !hasA || !hasB
			for _, c := range combos {
				found = found || c[pair[0][0]] == pair[0][1] && c[pair[1][0]] == pair[1][1]
			}
			if !found {
				t.Errorf("%s: no combination climbs %s=%s with %s=%s", p.Name, pair[0][0], pair[0][1], pair[1][0], pair[1][1])
			}
		}
		db, _ := p.Option("db")
		orm, _ := p.Option("orm")
		for _, d := range db.Values() {
			for _, o := range orm.Values() {
				if !seen[d+"+"+o] {
					t.Errorf("%s: no combination climbs db=%s with orm=%s", p.Name, d, o)
				}
			}
		}
	}
}

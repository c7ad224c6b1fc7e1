//go:build e2e

package e2e

import (
	"sort"
	"strings"

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
// rotate through their values, so every value of every option appears too.
// Presets rotate differently (shift is the preset's position), so across
// presets more pairs are exercised. It is derived from the manifest: a new
// option value is covered without touching this file.
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
	out := []combo{defaults(p)}
	for i := 1; i < len(pairs); i++ { // pairs[0] holds the defaults
		c := pairs[i]
		for j, o := range p.Options {
			if _, isPaired := c[o.Name]; !isPaired {
				// The phase moves on after each full turn, so a rotating
				// option does not keep step with a paired one.
				values := orderedValues(o)
				c[o.Name] = values[(i+i/len(values)+shift*(j+1))%len(values)]
			}
		}
		out = append(out, c)
	}
	return out
}

// with returns a copy of c with name set to value.
func with(c combo, name, value string) combo {
	out := combo{name: value}
	for k, v := range c {
		out[k] = v
	}
	return out
}

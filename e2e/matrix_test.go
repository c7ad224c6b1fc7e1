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

// covering returns a few combinations in which every value of every option
// appears at least once, and which include the preset's defaults. Combination
// i takes value (i + shift*j) of option j, so presets pair the values
// differently (shift is the preset's position) and, across presets, more
// pairs are exercised. It is derived from the manifest: a new option value is
// covered without touching this file.
func covering(p *presets.Preset, shift int) []combo {
	n := 0
	for _, o := range p.Options {
		n = max(n, len(o.Choices))
	}
	base := defaults(p)
	out := []combo{base}
	for i := range n {
		c := combo{}
		for j, o := range p.Options {
			values := orderedValues(o)
			c[o.Name] = values[(i+shift*j)%len(values)]
		}
		if c.String() != base.String() {
			out = append(out, c)
		}
	}
	return out
}

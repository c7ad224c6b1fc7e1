package scaffold

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/jsforge/jsforge/presets"
)

// Funcs is the allow-list of functions a template may call, beyond
// text/template's own (and, or, not, eq, len, index, printf…): the few the
// templates use, each written here with the same behaviour as the sprig
// function of the same name (TestFuncsMatchSprig holds them to it), plus
// npmDeps and include. Nothing here reads the time, randomness, the network,
// the environment or the file system, so the output depends on the answers
// alone. A template that calls anything else fails to parse: add the
// function here, with a test, if a template needs it.
//
// (jsforge used sprig's whole function map before. Linking sprig cost about
// a third of jsforge's start-up in package initialisation alone, for eleven
// small functions; the list below is also what docs/presets.md promises.)
func Funcs() template.FuncMap {
	return template.FuncMap{
		// strings
		"lower":      strings.ToLower,
		"replace":    func(old, new, s string) string { return strings.ReplaceAll(s, old, new) },
		"hasPrefix":  func(prefix, s string) bool { return strings.HasPrefix(s, prefix) },
		"trimPrefix": func(prefix, s string) string { return strings.TrimPrefix(s, prefix) },
		"trimSuffix": func(suffix, s string) string { return strings.TrimSuffix(s, suffix) },
		"trimAll":    func(cutset, s string) string { return strings.Trim(s, cutset) },
		"splitList":  func(sep, s string) []string { return strings.Split(s, sep) },
		"quote":      quote,
		// regular expressions (a bad pattern is a template error)
		"regexMatch":      regexMatch,
		"regexReplaceAll": regexReplaceAll,
		// data
		"toJson": toJSON,
		"semver": parseSemver,
		// jsforge's own
		"npmDeps": npmDeps,
		"include": func(name string, data any) (string, error) {
			return "", fmt.Errorf("include %q: no template set to render it from", name)
		},
	}
}

// quote puts each non-nil argument in double quotes, Go-escaped, separated by spaces.
func quote(args ...any) string {
	var out []string
	for _, a := range args {
		if a != nil {
			out = append(out, strconv.Quote(fmt.Sprint(a)))
		}
	}
	return strings.Join(out, " ")
}

func regexMatch(pattern, s string) (bool, error) {
	return regexp.MatchString(pattern, s)
}

func regexReplaceAll(pattern, s, repl string) (string, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return "", err
	}
	return re.ReplaceAllString(s, repl), nil
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// Semver is a parsed semantic version; templates use its methods, as in
// {{ (semver .Versions.node).Major }}.
type Semver struct {
	major, minor, patch uint64
	pre, meta           string
}

func (v Semver) Major() uint64      { return v.major }
func (v Semver) Minor() uint64      { return v.minor }
func (v Semver) Patch() uint64      { return v.patch }
func (v Semver) Prerelease() string { return v.pre }
func (v Semver) Metadata() string   { return v.meta }
func (v Semver) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch)
	if v.pre != "" {
		s += "-" + v.pre
	}
	if v.meta != "" {
		s += "+" + v.meta
	}
	return s
}

var semverPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$`)
})

// parseSemver reads versions as sprig's semver does: "24", "24.11", "v24.11.1",
// "1.2.3-rc.1+build".
func parseSemver(s string) (Semver, error) {
	m := semverPattern().FindStringSubmatch(s)
	if m == nil {
		return Semver{}, fmt.Errorf("invalid semantic version %q", s)
	}
	var n [3]uint64
	for i := range n {
		if m[i+1] == "" {
			continue
		}
		v, err := strconv.ParseUint(m[i+1], 10, 64)
		if err != nil {
			return Semver{}, fmt.Errorf("invalid semantic version %q: %v", s, err)
		}
		n[i] = v
	}
	return Semver{major: n[0], minor: n[1], patch: n[2], pre: m[4], meta: m[5]}, nil
}

// Compare orders v and w by semantic-version precedence (semver.org, item 11):
// -1, 0 or 1. Build metadata does not count; a pre-release comes before its
// release, and pre-release identifiers compare numerically when both are
// numbers, as text otherwise, numbers first.
func (v Semver) Compare(w Semver) int {
	if c := cmp.Compare(v.major, w.major); c != 0 {
		return c
	}
	if c := cmp.Compare(v.minor, w.minor); c != 0 {
		return c
	}
	if c := cmp.Compare(v.patch, w.patch); c != 0 {
		return c
	}
	switch {
	case v.pre == w.pre:
		return 0
	case v.pre == "":
		return 1
	case w.pre == "":
		return -1
	}
	a, b := strings.Split(v.pre, "."), strings.Split(w.pre, ".")
	for i := range min(len(a), len(b)) {
		x, errX := strconv.ParseUint(a[i], 10, 64)
		y, errY := strconv.ParseUint(b[i], 10, 64)
		var c int
		switch {
		case errX == nil && errY == nil:
			c = cmp.Compare(x, y)
		case errX == nil:
			c = -1
		case errY == nil:
			c = 1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// npmDeps renders dependencies as a JSON object indented for a top-level package.json key.
func npmDeps(deps []presets.Dependency) (string, error) {
	if len(deps) == 0 {
		return "{}", nil
	}
	var b strings.Builder
	b.WriteString("{\n")
	for i, d := range deps {
		name, _ := json.Marshal(d.Name)
		version, _ := json.Marshal(d.Version)
		fmt.Fprintf(&b, "    %s: %s", name, version)
		if i < len(deps)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  }")
	return b.String(), nil
}

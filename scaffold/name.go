package scaffold

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/jsforge/jsforge/internal/usererr"
)

// maxNameLength is npm's limit on a package name.
const maxNameLength = 214

// npm's rules for a package name (validate-npm-package-name): lower case,
// URL-safe, not starting with a dot or an underscore, at most 214 characters,
// optionally scoped.
var npmName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$`)
})

// ValidateName rejects a project name that is not a valid npm package name,
// saying which rule it breaks. jsforge does not rename silently: the error
// suggests a valid name to pass with --name (documented in the README).
func ValidateName(name string) error {
	if name == "" {
		return usageError("the project name is empty; pass --name NAME")
	}
	if npmName().MatchString(name) && len(name) <= maxNameLength && name != "node_modules" && name != "favicon.ico" {
		return nil
	}
	shown := name
	if utf8.RuneCountInString(shown) > 40 {
		shown = string([]rune(shown)[:40]) + "…"
	}
	var rule string
	base := name[strings.LastIndex(name, "/")+1:]
	switch {
	case len(name) > maxNameLength:
		rule = fmt.Sprintf("it has %d characters; npm package names have at most %d", len(name), maxNameLength)
	case name == "node_modules" || name == "favicon.ico":
		rule = "npm reserves that name"
	case strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || strings.HasPrefix(name, "."):
		rule = "npm package names do not start with '.' or '_'"
	case strings.ToLower(name) != name:
		rule = "npm package names are lower case"
	default:
		rule = "npm package names may contain only lower-case letters, digits, '-', '.', '_' and '~', with an optional @scope/ in front"
	}
	hint := ""
	if s := SuggestName(name); s != "" && s != name {
		hint = "; try --name " + shellQuote(s)
	}
	return usererr.New("invalid project name %q: %s%s", shown, rule, hint)
}

// letters spells out the letters that Unicode does not decompose into a
// base letter and marks.
var letters = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ł", "l", "þ", "th", "ð", "d", "ı", "i")

// SuggestName turns an arbitrary directory name into a valid npm package
// name, or "": lower case, accents dropped (café: cafe), every run of other
// characters made one '-', at most 214 characters. A @scope/ is kept.
func SuggestName(name string) string {
	if scope, rest, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(scope, "@") && !strings.Contains(rest, "/") {
		s, r := suggestPart(strings.TrimPrefix(scope, "@")), suggestPart(rest)
		if s == "" || r == "" {
			return ""
		}
		return truncateName("@" + s + "/" + r)
	}
	return truncateName(suggestPart(name))
}

func suggestPart(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(letters.Replace(strings.ToLower(name))) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining mark: é became e and this
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '.', r == '_', r == '~':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	s := strings.Trim(b.String(), "-._")
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return s
}

func truncateName(s string) string {
	if len(s) > maxNameLength {
		s = strings.TrimRight(s[:maxNameLength], "-._")
	}
	return s
}

func usageError(format string, args ...any) error { return usererr.New(format, args...) }

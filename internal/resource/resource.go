// Package resource parses what `jsforge add resource` is asked for — a name
// and a list of typed fields — into every form of those names the templates
// need (table, class, URL, variable), refusing names no framework can carry.
// docs/resources.md is its specification.
package resource

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/jsforge/jsforge/internal/usererr"
)

// Types are the field types, in the order docs/resources.md lists them.
var Types = []string{"string", "text", "integer", "number", "boolean", "date", "datetime", "uuid"}

// Resource is a resource's names in each convention, and its fields.
type Resource struct {
	Table        string // blog_posts
	Snake        string // blog_post
	Pascal       string // BlogPost
	PascalPlural string // BlogPosts
	Camel        string // blogPost
	CamelPlural  string // blogPosts
	Kebab        string // blog-post
	KebabPlural  string // blog-posts
	Words        string // blog post
	WordsPlural  string // blog posts
	Title        string // Blog post
	TitlePlural  string // Blog posts
	Fields       []Field
}

// Field is one column of a resource.
type Field struct {
	Name     string // camelCase: the JSON key and the property
	Column   string // snake_case
	Pascal   string // DueDate
	Words    string // due date
	Type     string // one of Types
	Optional bool
	Unique   bool
}

// Has reports whether some field has the given type.
func (r Resource) Has(typ string) bool {
	return slices.ContainsFunc(r.Fields, func(f Field) bool { return f.Type == typ })
}

// HasUnique reports whether some field is unique.
func (r Resource) HasUnique() bool {
	return slices.ContainsFunc(r.Fields, func(f Field) bool { return f.Unique })
}

// HasOptional reports whether some field is optional.
func (r Resource) HasOptional() bool {
	return slices.ContainsFunc(r.Fields, func(f Field) bool { return f.Optional })
}

// Reserved are the resources every generated project has, or could have.
var Reserved = []string{"users", "auth", "health", "todos", "api", "migrations", "sessions"}

// reservedFields name columns every resource has, or members of the
// frameworks' model classes (Lucid, LoopBack, MikroORM, TypeORM) that a
// property of that name would shadow.
var reservedFields = []string{
	"id", "owner", "ownerId", "user", "userId", "createdAt", "updatedAt",
	"constructor", "prototype", "toJSON", "toObject", "toString", "valueOf", "hasOwnProperty",
	"save", "delete", "merge", "fill", "load", "related", "refresh", "serialize", "query",
	"getId", "getIdObject", "isNew", "table", "primaryKey", "connection", "trx",
}

// jsReserved are JavaScript's reserved words and the strict-mode and
// TypeScript ones, which no variable or class may be called.
var jsReserved = strings.Fields(`break case catch class const continue debugger default delete do else
	enum export extends false finally for function if import in instanceof new null return super switch
	this throw true try typeof var void while with yield let static implements interface package private
	protected public await arguments eval undefined any boolean number string symbol object never unknown
	type declare namespace module readonly abstract as async from of get set`)

// The patterns are compiled when first used: every run of jsforge links
// this package, few add a resource.
var (
	wordsRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$`)
	})
	fieldRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*):([a-z]+)(\?)?(!unique)?(\?)?$`)
	})
)

// MaxFields bounds a resource's width: past it, a table wants a design, not a scaffold.
const MaxFields = 40

// Parse makes a Resource from a name (singular or plural, kebab, snake,
// camel or Pascal case) and a field list ("title:string,body:text?").
func Parse(name, fields string) (*Resource, error) {
	r, err := Name(name)
	if err != nil {
		return nil, err
	}
	fs, err := ParseFields(fields)
	if err != nil {
		return nil, err
	}
	r.Fields = fs
	return r, nil
}

// Name derives every form of a resource's name.
func Name(name string) (*Resource, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, usererr.New("a resource name is required, e.g. jsforge add resource posts --fields \"title:string\"")
	}
	if !wordsRe().MatchString(name) {
		return nil, usererr.New("resource name %q: use letters and digits, words joined by - or _ or in camelCase (posts, blog-posts, BlogPost), starting with a letter", name)
	}
	words := splitWords(name)
	last := len(words) - 1
	singular := append(slices.Clone(words[:last]), Singular(words[last]))
	plural := append(slices.Clone(words[:last]), Plural(Singular(words[last])))
	r := &Resource{
		Table:        strings.Join(plural, "_"),
		Snake:        strings.Join(singular, "_"),
		Pascal:       pascal(singular),
		PascalPlural: pascal(plural),
		Camel:        camel(singular),
		CamelPlural:  camel(plural),
		Kebab:        strings.Join(singular, "-"),
		KebabPlural:  strings.Join(plural, "-"),
		Words:        strings.Join(singular, " "),
		WordsPlural:  strings.Join(plural, " "),
	}
	r.Title = strings.ToUpper(r.Words[:1]) + r.Words[1:]
	r.TitlePlural = strings.ToUpper(r.WordsPlural[:1]) + r.WordsPlural[1:]
	if r.Camel == r.CamelPlural {
		return nil, usererr.New("resource name %q has no distinct singular and plural (%s); name it with a countable noun, e.g. %s-items", name, r.Camel, r.Kebab)
	}
	for _, reserved := range Reserved {
		if r.Table == reserved || r.Snake == Singular(reserved) {
			return nil, usererr.New("resource name %q is taken: every project has (or may get) %s; choose another name", name, reserved)
		}
	}
	for _, form := range []string{r.Camel, r.CamelPlural} {
		if slices.Contains(jsReserved, form) {
			return nil, usererr.New("resource name %q makes %q, a reserved word in JavaScript or TypeScript; choose another name", name, form)
		}
	}
	return r, nil
}

// ParseFields parses "title:string,body:text?,slug:string!unique".
func ParseFields(spec string) ([]Field, error) {
	var fields []Field
	seen := map[string]string{}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		f, err := ParseField(item)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[f.Column]; dup {
			return nil, usererr.New("fields %q and %q name the same column %s; give each field its own name", prev, item, f.Column)
		}
		seen[f.Column] = item
		fields = append(fields, f)
	}
	if len(fields) == 0 {
		return nil, usererr.New("a resource needs at least one field: --fields \"title:string,body:text?\" (types: %s)", strings.Join(Types, ", "))
	}
	if len(fields) > MaxFields {
		return nil, usererr.New("%d fields is more than the %d a resource may have; add the rest by hand", len(fields), MaxFields)
	}
	return fields, nil
}

// ParseField parses one "name:type[?][!unique]".
func ParseField(item string) (Field, error) {
	m := fieldRe().FindStringSubmatch(item)
	if m == nil {
		if name, typ, ok := strings.Cut(item, ":"); ok && fieldRe().MatchString(name+":string") {
			base, _, _ := strings.Cut(strings.TrimSpace(typ), "?")
			base, _, _ = strings.Cut(base, "!")
			if !slices.Contains(Types, base) {
				msg := fmt.Sprintf("field %q: unknown type %q (types: %s)", item, base, strings.Join(Types, ", "))
				if s := usererr.Suggest(base, Types); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				return Field{}, usererr.New("%s", msg)
			}
		}
		return Field{}, usererr.New("field %q: write name:type, with ? for optional and !unique for a unique column (title:string, due:date?, slug:string!unique)", item)
	}
	name, typ := m[1], m[2]
	if !slices.Contains(Types, typ) {
		msg := fmt.Sprintf("field %q: unknown type %q (types: %s)", item, typ, strings.Join(Types, ", "))
		if s := usererr.Suggest(typ, Types); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return Field{}, usererr.New("%s", msg)
	}
	if strings.HasSuffix(name, "_") || strings.Contains(name, "__") {
		return Field{}, usererr.New("field %q: a name may not end in _ or hold __", item)
	}
	words := splitWords(name)
	f := Field{
		Name:     camel(words),
		Column:   strings.Join(words, "_"),
		Pascal:   pascal(words),
		Words:    strings.Join(words, " "),
		Type:     typ,
		Optional: m[3] != "" || m[5] != "",
		Unique:   m[4] != "",
	}
	switch {
	case f.Unique && f.Type == "text":
		return Field{}, usererr.New("field %q: a text cannot be unique (MySQL indexes no TEXT column); use string, up to 255 characters, for a unique value", item)
	case f.Unique && f.Type == "boolean":
		return Field{}, usererr.New("field %q: a unique boolean allows two records at most; drop !unique", item)
	}
	if slices.Contains(reservedFields, f.Name) {
		return Field{}, usererr.New("field %q: %s is reserved (every record has id, and with authentication an owner; models already have a member of that name); choose another name", item, f.Name)
	}
	if slices.Contains(jsReserved, f.Name) {
		return Field{}, usererr.New("field %q: %s is a reserved word in JavaScript or TypeScript; choose another name", item, f.Name)
	}
	if len(f.Column) > 60 {
		return Field{}, usererr.New("field %q: the column name %s is longer than the 60 characters every database takes", item, f.Column)
	}
	return f, nil
}

// splitWords splits blog-posts, blog_posts, blogPosts and BlogPosts alike
// into lower-case words; digits stay with the word before them.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	runes := []rune(s)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, c := range runes {
		switch {
		case c == '-' || c == '_':
			flush()
		case unicode.IsUpper(c) && i > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1]) ||
			i+1 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsUpper(runes[i-1])):
			flush()
			cur = append(cur, c)
		default:
			cur = append(cur, c)
		}
	}
	flush()
	return words
}

func pascal(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func camel(words []string) string {
	p := pascal(words)
	return strings.ToLower(p[:1]) + p[1:]
}

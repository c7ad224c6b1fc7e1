package resource

import (
	"strings"
	"testing"
)

func TestNameForms(t *testing.T) {
	for _, tc := range []struct{ in, table, pascal, camelPlural, kebabPlural, words string }{
		{"posts", "posts", "Post", "posts", "posts", "post"},
		{"post", "posts", "Post", "posts", "posts", "post"},
		{"blog-posts", "blog_posts", "BlogPost", "blogPosts", "blog-posts", "blog post"},
		{"blog_post", "blog_posts", "BlogPost", "blogPosts", "blog-posts", "blog post"},
		{"BlogPost", "blog_posts", "BlogPost", "blogPosts", "blog-posts", "blog post"},
		{"blogPosts", "blog_posts", "BlogPost", "blogPosts", "blog-posts", "blog post"},
		{"categories", "categories", "Category", "categories", "categories", "category"},
		{"company", "companies", "Company", "companies", "companies", "company"},
		{"addresses", "addresses", "Address", "addresses", "addresses", "address"},
		{"boxes", "boxes", "Box", "boxes", "boxes", "box"},
		{"people", "people", "Person", "people", "people", "person"},
		{"statuses", "statuses", "Status", "statuses", "statuses", "status"},
		{"status", "statuses", "Status", "statuses", "statuses", "status"},
		{"days", "days", "Day", "days", "days", "day"},
		{"APIKeys", "api_keys", "ApiKey", "apiKeys", "api-keys", "api key"},
		{"invoice2-lines", "invoice2_lines", "Invoice2Line", "invoice2Lines", "invoice2-lines", "invoice2 line"},
	} {
		r, err := Name(tc.in)
		if err != nil {
			t.Errorf("Name(%q): %v", tc.in, err)
			continue
		}
		if r.Table != tc.table || r.Pascal != tc.pascal || r.CamelPlural != tc.camelPlural || r.KebabPlural != tc.kebabPlural || r.Words != tc.words {
			t.Errorf("Name(%q) = table %s, Pascal %s, camel plural %s, kebab plural %s, words %q; want %s %s %s %s %q",
				tc.in, r.Table, r.Pascal, r.CamelPlural, r.KebabPlural, r.Words, tc.table, tc.pascal, tc.camelPlural, tc.kebabPlural, tc.words)
		}
	}
}

func TestNameRefusals(t *testing.T) {
	for in, want := range map[string]string{
		"":           "name is required",
		"users":      "is taken",
		"User":       "is taken",
		"todo":       "is taken",
		"health":     "is taken",
		"classes":    "reserved word",
		"news":       "no distinct singular and plural",
		"2posts":     "starting with a letter",
		"blog posts": "use letters and digits",
		"posts/../x": "use letters and digits",
	} {
		_, err := Name(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Name(%q) = %v, want an error containing %q", in, err, want)
		}
	}
}

func TestParseFields(t *testing.T) {
	fs, err := ParseFields("title:string, body:text?, published:boolean,views:integer,due_date:date?,slug:string!unique,code:uuid?!unique,at:datetime,score:number")
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(fs))
	for i, f := range fs {
		got[i] = f.Name + "/" + f.Column + "/" + f.Type
		if f.Optional {
			got[i] += "?"
		}
		if f.Unique {
			got[i] += "!"
		}
	}
	want := "title/title/string body/body/text? published/published/boolean views/views/integer dueDate/due_date/date? slug/slug/string! code/code/uuid?! at/at/datetime score/score/number"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestParseFieldsRefusals(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "at least one field",
		"title":                      "write name:type",
		"title:strng":                `did you mean "string"`,
		"title:varchar":              "unknown type",
		"id:integer":                 "reserved",
		"createdAt:datetime":         "reserved",
		"created_at:datetime":        "reserved",
		"class:string":               "reserved word",
		"title:string,title:text":    "same column",
		"dueDate:date,due_date:date": "same column",
		"9lives:integer":             "write name:type",
		"a-b:string":                 "write name:type",
		"title:string!uniq":          "write name:type",
	} {
		_, err := ParseFields(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseFields(%q) = %v, want an error containing %q", in, err, want)
		}
	}
}

func TestInflectionRoundTrips(t *testing.T) {
	for _, w := range []string{"post", "category", "box", "address", "person", "child", "status", "analysis", "day", "photo", "wish", "match", "quiz", "leaf"} {
		if s := Singular(Plural(w)); s != w {
			t.Errorf("Singular(Plural(%q)) = %q (plural %q)", w, s, Plural(w))
		}
		if p := Plural(w); Singular(p) != w {
			t.Errorf("Singular(%q) = %q, want %q", p, Singular(p), w)
		}
	}
}

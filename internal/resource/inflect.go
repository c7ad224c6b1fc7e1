package resource

import "strings"

// English inflection for one lower-case word: enough for the nouns people
// name tables after, as Rails' and Lucid's inflectors do it, kept small.

var irregular = map[string]string{
	"person": "people", "man": "men", "woman": "women", "child": "children", "tooth": "teeth",
	"foot": "feet", "mouse": "mice", "goose": "geese", "ox": "oxen", "leaf": "leaves", "life": "lives",
	"knife": "knives", "wife": "wives", "half": "halves", "shelf": "shelves", "wolf": "wolves",
	"index": "indices", "matrix": "matrices", "vertex": "vertices", "criterion": "criteria",
	"analysis": "analyses", "thesis": "theses", "crisis": "crises", "axis": "axes", "quiz": "quizzes",
	"photo": "photos", "video": "videos", "radio": "radios", "zoo": "zoos", "memo": "memos", "logo": "logos",
	"hero": "heroes", "potato": "potatoes", "tomato": "tomatoes", "echo": "echoes",
	"status": "statuses", "bus": "buses", "campus": "campuses", "virus": "viruses", "alias": "aliases",
}

// uncountable words are their own plural; a resource cannot be named by one alone.
var uncountable = map[string]bool{
	"news": true, "series": true, "species": true, "equipment": true, "information": true,
	"rice": true, "money": true, "sheep": true, "fish": true, "deer": true, "data": true, "feedback": true,
	"metadata": true, "software": true, "staff": true,
}

// Plural returns the plural of a singular word.
func Plural(w string) string {
	if uncountable[w] {
		return w
	}
	if p, ok := irregular[w]; ok {
		return p
	}
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsAny(w[len(w)-2:len(w)-1], "aeiou"):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// Singular returns the singular of a word given either way.
func Singular(w string) string {
	if uncountable[w] {
		return w
	}
	if _, ok := irregular[w]; ok {
		return w // already singular
	}
	for s, p := range irregular {
		if p == w {
			return s
		}
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 3:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w // class, status, analysis: already singular
	case strings.HasSuffix(w, "s") && len(w) > 1:
		return w[:len(w)-1]
	}
	return w
}

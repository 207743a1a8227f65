package rows

import (
	"fmt"
	"strings"

	"github.com/jig-sql/jig/workspace"
)

// parseArray reads a Postgres array literal ({1,2}, {{a,b},{c,d}},
// {"x y",NULL}), parses every element as the element type, and prints it
// back in Postgres's output form.
func parseArray(t workspace.Type, k kind, s string) (string, error) {
	s = strings.TrimSpace(s)
	root, err := ParseArrayLiteral(s)
	if err != nil || root.Bounds != "" { // bounds: the factory writes arrays from 1
		return "", parseError(t, k, s, "not an array literal like "+arrayExample(t, k))
	}
	elem := t
	elem.ArrayDims, elem.Domain = 0, nil
	for strings.HasSuffix(elem.Name, "[]") {
		elem.Name = strings.TrimSuffix(elem.Name, "[]")
	}
	b, err := root.format(nil, elem, k)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func arrayExample(t workspace.Type, k kind) string {
	e := example(t, k)
	return "{" + string(appendArrayElem(nil, e)) + "," + string(appendArrayElem(nil, e)) + "}"
}

func (n *ArrayLiteral) format(b []byte, elem workspace.Type, k kind) ([]byte, error) {
	b = append(b, '{')
	for i, s := range n.Subs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = s.format(b, elem, k); err != nil {
			return nil, err
		}
	}
	for i, e := range n.Elems {
		if i > 0 {
			b = append(b, ',')
		}
		if e.Null {
			b = append(b, "NULL"...)
			continue
		}
		text, err := parseScalar(elem, k, e.Text, true)
		if err != nil {
			return nil, fmt.Errorf("array element %d: %w", i+1, err)
		}
		b = appendArrayElem(b, text)
	}
	return append(b, '}'), nil
}

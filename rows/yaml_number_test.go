package rows

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jig-sql/jig/workspace"
)

// A YAML float reaches a numeric column with every digit, and an error
// quotes it as the fixture wrote it.
func TestFromYAMLKeepsNumbersAsWritten(t *testing.T) {
	num := workspace.Type{Name: "numeric(38,10)", Base: "numeric", Precision: 38, Scale: 10}
	v, err := FromYAML(num, json.Number("1234567890123456789.1234567891"))
	if err != nil || v.Text != "1234567890123456789.1234567891" {
		t.Errorf("numeric(38,10): %q, %v", v.Text, err)
	}
	_, err = FromYAML(typ("int4"), json.Number("1.50"))
	if err == nil || !strings.Contains(err.Error(), `"1.50"`) {
		t.Errorf("1.50 into an integer: %v, want the value quoted as written", err)
	}
}

package rows

import "github.com/jig-sql/jig/workspace"

// kind is how the factory and the parser treat an element type.
type kind uint8

const (
	kUnknown kind = iota
	kInt2
	kInt4
	kInt8
	kNumeric
	kFloat4
	kFloat8
	kBool
	kText
	kChar // the one-byte internal "char"
	kDate
	kTime
	kTimetz
	kTimestamp
	kTimestamptz
	kInterval
	kUUID
	kJSON
	kJSONB
	kBytea
	kInet
	kCidr
	kEnum
)

var kindsByBase = map[string]kind{
	"int2": kInt2, "smallint": kInt2, "int4": kInt4, "integer": kInt4, "int": kInt4,
	"int8": kInt8, "bigint": kInt8, "numeric": kNumeric, "decimal": kNumeric,
	"float4": kFloat4, "real": kFloat4, "float8": kFloat8, "double precision": kFloat8,
	"bool": kBool, "boolean": kBool, "text": kText, "varchar": kText, "bpchar": kText,
	"character varying": kText, "character": kText, "name": kText, "citext": kText,
	"char": kChar, "date": kDate, "time": kTime, "timetz": kTimetz,
	"timestamp": kTimestamp, "timestamptz": kTimestamptz, "interval": kInterval,
	"uuid": kUUID, "json": kJSON, "jsonb": kJSONB, "bytea": kBytea,
	"inet": kInet, "cidr": kCidr,
}

// kindOf classifies a type by its element base; enums by their labels.
func kindOf(t workspace.Type) kind {
	if t.IsEnum() {
		return kEnum
	}
	if k, ok := kindsByBase[t.Base]; ok {
		return k
	}
	return kUnknown
}

func (k kind) isInt() bool     { return k == kInt2 || k == kInt4 || k == kInt8 }
func (k kind) isNumber() bool  { return k.isInt() || k == kNumeric || k == kFloat4 || k == kFloat8 }
func (k kind) isTextish() bool { return k == kText || k == kChar }

// intLimit is the largest value of an integer kind.
func intLimit(k kind) int64 {
	switch k {
	case kInt2:
		return 1<<15 - 1
	case kInt4:
		return 1<<31 - 1
	}
	return 1<<63 - 1
}

// example is a valid input shown in parse errors.
func example(t workspace.Type, k kind) string {
	switch k {
	case kInt2, kInt4, kInt8:
		return "42"
	case kNumeric:
		if t.Scale > 0 {
			return "12." + "50"[:min(t.Scale, 2)]
		}
		return "12.5"
	case kFloat4, kFloat8:
		return "3.25"
	case kBool:
		return "true"
	case kDate:
		return "2024-01-31"
	case kTime:
		return "13:45:00"
	case kTimetz:
		return "13:45:00+02"
	case kTimestamp:
		return "2024-01-31 13:45:00"
	case kTimestamptz:
		return "2024-01-31 13:45:00+00"
	case kInterval:
		return "1 day 02:30:00"
	case kUUID:
		return "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
	case kJSON, kJSONB:
		return `{"a": 1}`
	case kBytea:
		return `\x0102ff`
	case kInet:
		return "192.168.0.1"
	case kCidr:
		return "192.168.0.0/24"
	case kEnum:
		return t.Enum[0]
	}
	return "abc"
}

// typeLabel names a type in messages: the declared name when known.
func typeLabel(t workspace.Type) string {
	if t.Domain != nil && t.Domain.Name != "" {
		return t.Domain.Name
	}
	if t.Name != "" {
		return t.Name
	}
	return t.Base
}

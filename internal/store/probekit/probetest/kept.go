package probetest

import "reflect"

// KeptBytes sums the bytes of every string reachable from v (a result, usually): what
// it holds of the server's text. The long-names tests of the SQL stores measure with it.
func KeptBytes(v any) int { return keptBytes(reflect.ValueOf(v)) }

func keptBytes(v reflect.Value) int {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return keptBytes(v.Elem())
		}
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			n += keptBytes(v.Field(i))
		}
		return n
	case reflect.Slice, reflect.Array:
		n := 0
		for i := range v.Len() {
			n += keptBytes(v.Index(i))
		}
		return n
	case reflect.Map:
		n := 0
		it := v.MapRange()
		for it.Next() {
			n += keptBytes(it.Key()) + keptBytes(it.Value())
		}
		return n
	case reflect.String:
		return v.Len()
	}
	return 0
}

package detect

import (
	"reflect"
	"testing"
	"unsafe"
)

// TestPackAssignKeepsEveryField: a deferred candidate's packed assignment unpacks to the
// assignment, whichever of its fields is set (a field added to assignment and not to
// packAssign fails here), its own name (kept apart) included, and to its own only.
func TestPackAssignKeepsEveryField(t *testing.T) {
	typ := reflect.TypeOf(assignment{})
	for i := range typ.NumField() {
		var a assignment
		f := reflect.ValueOf(&a).Elem().Field(i)
		f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
		switch f.Kind() {
		case reflect.Int:
			f.SetInt(1<<31 - 2)
		case reflect.Uint8:
			f.SetUint('\'')
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]byte("own")))
		default:
			t.Fatalf("assignment.%s: a %s, which the test does not set", typ.Field(i).Name, f.Kind())
		}
		var sc scanner
		sc.deferKV(assignment{}, nil)
		sc.deferKV(a, nil)
		if got, _ := sc.pendingAt(1); !reflect.DeepEqual(got, a) {
			t.Errorf("assignment.%s set: unpacked %+v, want %+v", typ.Field(i).Name, got, a)
		}
		if got, _ := sc.pendingAt(0); !reflect.DeepEqual(got, assignment{}) {
			t.Errorf("assignment.%s set on the second: the first unpacked %+v", typ.Field(i).Name, got)
		}
	}
}

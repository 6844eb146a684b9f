package nilsweep

import (
	"context"
	"fmt"
	"reflect"
	"runtime/debug"
	"slices"
	"testing"
	"time"
)

// Timeout bounds each call: a call with zero arguments that takes longer
// is reported as a hang.
const Timeout = 10 * time.Second

// Func is one exported function, called with zero arguments by Call.
type Func struct {
	Name string
	Call func()
}

// Type is one exported, non-generic, non-interface type of a package:
// Nil is a nil *T, and PointerDeclared lists the methods the package itself
// declares on T with a pointer receiver. Methods with a value receiver,
// and methods promoted from embedded fields, are called only on a zero
// non-nil receiver: calling them through a nil *T dereferences it by the
// language's definition, before any code of the package runs.
type Type struct {
	Nil             any
	PointerDeclared []string
}

// Run calls every function and every method of every type, each in a
// subtest, and reports each panic (with its stack) or hang.
func Run(t *testing.T, funcs []Func, types []Type) {
	t.Helper()
	for _, f := range funcs {
		t.Run("func/"+f.Name, func(t *testing.T) { call(t, f.Call) })
	}
	for _, ty := range types {
		sweepType(t, ty)
	}
}

var ctxType = reflect.TypeFor[context.Context]()

func sweepType(t *testing.T, ty Type) {
	pt := reflect.TypeOf(ty.Nil)
	if pt == nil || pt.Kind() != reflect.Pointer {
		t.Errorf("nilsweep: %T is not a typed nil pointer", ty.Nil)
		return
	}
	et := pt.Elem()
	for i := range pt.NumMethod() {
		m := pt.Method(i)
		args := make([]reflect.Value, 0, m.Type.NumIn())
		n := m.Type.NumIn()
		if m.Type.IsVariadic() {
			n-- // pass no variadic arguments
		}
		for j := 1; j < n; j++ { // argument 0 is the receiver
			in := m.Type.In(j)
			if in == ctxType {
				args = append(args, reflect.ValueOf(context.Background()))
			} else {
				args = append(args, reflect.Zero(in))
			}
		}
		name := fmt.Sprintf("%s.%s", et.Name(), m.Name)
		if slices.Contains(ty.PointerDeclared, m.Name) {
			t.Run("nil/"+name, func(t *testing.T) {
				call(t, func() { m.Func.Call(append([]reflect.Value{reflect.Zero(pt)}, args...)) })
			})
		}
		t.Run("zero/"+name, func(t *testing.T) {
			call(t, func() { m.Func.Call(append([]reflect.Value{reflect.New(et)}, args...)) })
		})
	}
}

// call fails t with Check's message, if any.
func call(t *testing.T, fn func()) {
	t.Helper()
	if msg := Check(fn, Timeout); msg != "" {
		t.Error(msg)
	}
}

// Check runs fn on its own goroutine and returns "" when it returns
// within timeout, or else a message: the panic's value and stack, or that
// fn did not return in time (fn's goroutine is then left running).
func Check(fn func(), timeout time.Duration) string {
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
				return
			}
			done <- ""
		}()
		fn()
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case msg := <-done:
		return msg
	case <-timer.C:
		return fmt.Sprintf("did not return within %v", timeout)
	}
}

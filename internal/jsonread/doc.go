// Package jsonread reads JSON documents token by token, for hand-written
// decoders of stored documents that must give exactly what
// encoding/json's Unmarshal gives, faster and with fewer allocations.
//
// A Reader is strict and partial. It reads only what a decoder asks for
// (objects, arrays, strings, integers, times, values implementing
// encoding.TextUnmarshaler, and the raw bytes of a value to hand to
// encoding/json), and it fails, rather than guess, on anything outside
// that or outside JSON: invalid UTF-8, an escape JSON does not have, a
// trailing comma, a number that is not an integer. Each read it does
// complete gives the value encoding/json would. So a decoder built on it
// either decodes a document exactly as json.Unmarshal would, or reports
// that it could not, and its caller decodes the document with
// json.Unmarshal instead: the result is the same either way, only the
// time differs.
//
// Strings without escapes are cut from one copy of the document, made by
// Reset, so a decoded value holds one allocation for all of them instead
// of one each.
package jsonread

// Package csvout writes the SDK's CSV exports (the Statement of
// Applicability, the risk register, the treatment plan): RFC 4180 records
// ended by CRLF that read back byte for byte with encoding/csv's Reader,
// and a formula guard so that opening an export in a spreadsheet cannot
// run text someone typed into a field.
package csvout

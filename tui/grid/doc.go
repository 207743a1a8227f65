// Package grid is the data grid of the workbench, used for both the input
// grid (editable fixture rows) and the result grid (query output, diffed
// against the expected rows).
//
// The grid never owns the data: it reads it through Source, one cell at a
// time, and only for the window on screen. A million-row result costs the
// same per frame as a ten-row one; column widths come from the header and a
// bounded sample of rows, never from a scan.
package grid

// Package styles owns the workbench's one theme: a Styles value built once
// from the terminal's background (NewStyles) and handed to every component,
// so no view picks a colour of its own.
//
// Colour is a bonus, never the only signal. bubbletea downsamples or strips
// colour for the terminal (NO_COLOR included), so every state a user must
// tell apart also has a textual mark (Marks) or a text attribute (faint,
// italic, bold, reverse) that survives without colour.
package styles

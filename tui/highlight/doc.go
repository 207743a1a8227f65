// Package highlight colours SQL for the workbench's query pane. It owns
// the one use of the chroma lexer (its PostgreSQL dialect) and maps token
// kinds onto the theme's SQL styles, so the colours come from tui/styles
// like every other colour on screen, and NO_COLOR (the colour profile)
// turns them off with the rest.
package highlight

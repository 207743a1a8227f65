// Package tui is the bubbletea workbench: a root model that routes messages
// to panes (sidebar, input grid, query, result grid, checks), one theme, key
// maps as data. Slow work runs in tea.Cmds that return typed messages.
package tui

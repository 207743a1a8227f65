// Package textedit is the one-line editor the grid shows in a cell while the
// user types a value. It is deliberately small: no clipboard, no blinking
// cursor, no suggestions; Enter commits and Esc cancels, and every other
// printable key — q included — is text.
//
// It exists instead of bubbles/textinput because that component pulls in a
// clipboard module jig does not otherwise need.
package textedit

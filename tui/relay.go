package tui

import tea "charm.land/bubbletea/v2"

// relay is the one path by which streams (start-up progress) reach the
// program: producers Send from any goroutine without blocking; the program
// reads with Next, a command that waits for the next message.
type relay struct {
	ch   chan tea.Msg
	done chan struct{}
}

// relaySize is how many messages may wait; progress beyond that is dropped
// (the next report supersedes it anyway).
const relaySize = 64

func newRelay() *relay {
	return &relay{ch: make(chan tea.Msg, relaySize), done: make(chan struct{})}
}

// Send queues msg, dropping it when the program is not keeping up.
func (r *relay) Send(msg tea.Msg) {
	select {
	case r.ch <- msg:
	default:
	}
}

// Next is the command that delivers the next message; it returns nil once
// the relay is closed, which ends the chain.
func (r *relay) Next() tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-r.ch:
			return msg
		case <-r.done:
			return nil
		}
	}
}

// Close releases a waiting Next.
func (r *relay) Close() { close(r.done) }

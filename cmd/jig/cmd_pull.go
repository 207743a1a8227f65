package main

// runPull writes schema/*.sql from a live database's catalog (jig pull).
func runPull(c *cli, args []string) int { return notYet(c, "pull") }

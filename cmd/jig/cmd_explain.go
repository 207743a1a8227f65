package main

// runExplain prints a query's local plan plus advice (jig explain).
func runExplain(c *cli, args []string) int { return notYet(c, "explain") }

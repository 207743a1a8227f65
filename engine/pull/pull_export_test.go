package pull

// Internals of jig pull's Redshift reader, for tests in engine_test.
var (
	ApplyDistStyle   = applyDistStyle
	RedshiftIdentity = redshiftIdentity
)

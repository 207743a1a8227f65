package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ConnectDSN opens one connection to an existing server, for work that must
// not create anything there (jig check, jig pull). Errors never quote the
// DSN's password.
func ConnectDSN(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, &StartError{Err: fmt.Errorf("the DSN is not valid: %s", RedactSecrets(err.Error()))}
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, &StartError{Err: fmt.Errorf("connecting to %s:%d: %s", cfg.Host, cfg.Port, RedactSecrets(err.Error()))}
	}
	return conn, nil
}

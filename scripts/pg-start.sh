#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's packages) as the postgres user in a temporary data
# directory on a free port, and prints its URL. Usage: scripts/pg-start.sh [dir]
# PG_DURABLE=1 keeps fsync and synchronous commit on (benchmarks).
# Stop it with: scripts/pg-stop.sh [dir]
set -euo pipefail
BINDIR="$(pg_config --bindir)"
DIR="${1:-$(mktemp -d /tmp/siyu-pg.XXXXXX)}"
mkdir -p "$DIR"
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
as_pg "$BINDIR/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1
cat >>"$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 300
shared_buffers = 256MB
CONF
# Tests trade durability for speed; benchmarks set PG_DURABLE=1 to keep PostgreSQL's defaults.
if [ "${PG_DURABLE:-0}" != 1 ]; then
  printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$DIR/data/postgresql.conf"
fi
as_pg "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start >/dev/null
as_pg "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres siyu_test
echo "$DIR" >"$DIR/dir"
echo "postgres://postgres@127.0.0.1:$PORT/siyu_test"

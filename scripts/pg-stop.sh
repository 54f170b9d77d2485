#!/usr/bin/env bash
# Stops a PostgreSQL started by scripts/pg-start.sh and removes its directory.
set -euo pipefail
DIR="$1"
BINDIR="$(pg_config --bindir)"
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BINDIR/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true
else "$BINDIR/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true; fi
rm -rf "$DIR"

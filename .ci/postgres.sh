#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store's tests and prints the URL to use as
# TEST_DATABASE_URL (on stdout, last line). Installs Debian's postgresql package when it is
# missing (as root, bounded in time). Prints a note on stderr and exits non-zero when it cannot;
# the PostgreSQL tests then skip with a visible note and the rest of CI goes on.
# Usage: url=$(.ci/postgres.sh start DIR) ; .ci/postgres.sh stop DIR
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a directory for the data and socket of the server}
port=${PGTEST_PORT:-54329}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ "$action" = stop ]; then
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    owner=$(stat -c %U "$dir/data")
    if [ "$owner" = "$(id -un)" ]; then
      "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    else
      runuser -u "$owner" -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$dir"
  exit 0
fi

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "note: PostgreSQL is not installed and cannot be installed here (needs root and apt-get)" >&2
    exit 1
  fi
  echo "installing Debian's postgresql for the store tests…" >&2
  timeout 90 apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive timeout 150 apt-get install -y -qq --no-install-recommends postgresql >&2 || {
    echo "note: could not install postgresql" >&2
    exit 1
  }
fi
bin=$(pg_bin)
# The server refuses to run as root: it runs as the postgres user (the package creates it).
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then owner=postgres; fi
mkdir -p "$dir"
chown "$owner" "$dir"
# Runs a command as the owner of the server's files.
as_owner() {
  if [ "$owner" = "$(id -un)" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=" start >/dev/null
as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres research_bot_test
echo "postgresql://postgres@localhost/research_bot_test?host=$dir&port=$port"

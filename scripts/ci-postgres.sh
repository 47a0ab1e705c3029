#!/usr/bin/env bash
# A throwaway PostgreSQL server for the backend tests and benchmarks.
#
#   source scripts/ci-postgres.sh start   # installs PostgreSQL if missing (root: apt-get), starts a
#                                         # cluster on 127.0.0.1 (port 55432 or the next free one)
#                                         # in a temporary directory, exports DATABASE_URL
#   eval "$(bash scripts/ci-postgres.sh start)"   # the same without sourcing (prints the export line)
#   bash scripts/ci-postgres.sh stop      # stops it and deletes its directory
#   bash scripts/ci-postgres.sh status
#
# The cluster trusts local connections and listens on loopback only: it is for tests, nothing else.
# Its location is kept in $SWITCHBOARD_PG_STATE (default /tmp/switchboard-ci-postgres.env) for `stop`.
# Progress goes to stderr; stdout carries only the export line (when not sourced).

__sbpg_state="${SWITCHBOARD_PG_STATE:-/tmp/switchboard-ci-postgres.env}"
__sbpg_port_base="${SWITCHBOARD_PG_PORT:-55432}"
__sbpg_db="switchboard_test"

__sbpg_say() { echo "ci-postgres: $*" >&2; }

__sbpg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
    return 0
  fi
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root (initdb refuses root), else us.
__sbpg_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

__sbpg_install() {
  if __sbpg_bindir >/dev/null; then return 0; fi
  if [ "$(id -u)" != "0" ]; then
    __sbpg_say "PostgreSQL is not installed and this is not root: install it (apt-get install -y postgresql) and retry"
    return 1
  fi
  __sbpg_say "installing PostgreSQL from the system's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 ||
    { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; } ||
    return 1
  __sbpg_bindir >/dev/null
}

__sbpg_port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

__sbpg_start() {
  local bindir dir port url
  if [ -f "$__sbpg_state" ]; then
    # shellcheck source=/dev/null
    . "$__sbpg_state"
    if [ -n "${SBPG_DIR:-}" ] && __sbpg_as_owner "$SBPG_BINDIR/pg_ctl" -D "$SBPG_DIR/data" status >/dev/null 2>&1; then
      __sbpg_say "already running on port $SBPG_PORT"
      DATABASE_URL="$SBPG_URL"
      return 0
    fi
    rm -f "$__sbpg_state"
  fi
  __sbpg_install || return 1
  bindir=$(__sbpg_bindir) || return 1
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    __sbpg_say "no postgres user to run the cluster as"
    return 1
  fi
  port=$__sbpg_port_base
  while ! __sbpg_port_free "$port"; do
    port=$((port + 1))
    if [ "$port" -gt $((__sbpg_port_base + 100)) ]; then
      __sbpg_say "no free port from $__sbpg_port_base"
      return 1
    fi
  done
  dir=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-pg.XXXXXX") || return 1
  chmod 755 "$dir"
  [ "$(id -u)" = "0" ] && chown postgres: "$dir"
  __sbpg_say "initdb in $dir ($("$bindir/postgres" --version))"
  __sbpg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    __sbpg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
    { __sbpg_say "initdb failed: $(tail -n 5 "$dir/initdb.log")"; return 1; }
  __sbpg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200" start >&2 ||
    { __sbpg_say "the server did not start: $(tail -n 5 "$dir/server.log")"; return 1; }
  __sbpg_as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$__sbpg_db" ||
    { __sbpg_say "createdb failed"; return 1; }
  url="postgres://postgres@127.0.0.1:$port/$__sbpg_db"
  {
    echo "SBPG_DIR='$dir'"
    echo "SBPG_BINDIR='$bindir'"
    echo "SBPG_PORT='$port'"
    echo "SBPG_URL='$url'"
  } >"$__sbpg_state"
  __sbpg_say "PostgreSQL ready: DATABASE_URL=$url"
  DATABASE_URL="$url"
}

__sbpg_stop() {
  if [ ! -f "$__sbpg_state" ]; then
    __sbpg_say "nothing to stop"
    return 0
  fi
  # shellcheck source=/dev/null
  . "$__sbpg_state"
  __sbpg_as_owner "$SBPG_BINDIR/pg_ctl" -D "$SBPG_DIR/data" -m fast -w stop >&2 || true
  rm -rf "$SBPG_DIR"
  rm -f "$__sbpg_state"
  __sbpg_say "stopped and removed $SBPG_DIR"
}

__sbpg_main() {
  case "${1:-}" in
    start) __sbpg_start ;;
    stop) __sbpg_stop ;;
    status)
      if [ -f "$__sbpg_state" ]; then cat "$__sbpg_state" >&2; else __sbpg_say "not running"; fi
      ;;
    *)
      __sbpg_say "usage: source scripts/ci-postgres.sh start | bash scripts/ci-postgres.sh start|stop|status"
      return 2
      ;;
  esac
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: never exit the caller's shell; export DATABASE_URL into it.
  if __sbpg_main "$@"; then
    [ "${1:-}" = "start" ] && export DATABASE_URL
    true
  else
    return 1
  fi
else
  set -euo pipefail
  __sbpg_main "$@"
  if [ "${1:-}" = "start" ]; then echo "export DATABASE_URL='$DATABASE_URL'"; fi
fi

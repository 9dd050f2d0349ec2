# shellcheck shell=bash
#
# PostgreSQL helpers for scripts/test.
#
# Source this file, then:
#   pg_choose_url             sets PG_URL (and PG_URL_SOURCE) to the server the
#                             PostgreSQL test step should use, starting a private
#                             throw-away server if needed (see below).
#   pg_private_start [PORT]   initdb + start a private server (default port 55432),
#                             sets PG_PRIVATE_DIR and PG_URL.
#   pg_private_stop           stops it and deletes its directory (idempotent).
#
# The caller must register `trap pg_private_stop EXIT` (scripts/test does).
#
# Run directly for a self-test of the private-server branch:
#   bash scripts/lib/pg.sh selftest [PORT]

PG_SYSTEM_HOST=127.0.0.1
PG_SYSTEM_PORT=5432
PG_SYSTEM_URL="postgres://postgres@${PG_SYSTEM_HOST}:${PG_SYSTEM_PORT}/test"
PG_PRIVATE_PORT_DEFAULT=55432
PG_PRIVATE_DIR=""
PG_BINDIR=""

pg_log() { printf '    [pg] %s\n' "$*" >&2; }
pg_die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Locate the directory holding initdb / pg_ctl / pg_isready (server binaries are
# not on PATH on Debian). Installs the server with apt when it is missing and we
# are root.
pg_find_bindir() {
    [[ -n "$PG_BINDIR" ]] && return 0
    local d
    if [[ -n "${TINHSO_PG_BINDIR:-}" ]]; then
        PG_BINDIR=$TINHSO_PG_BINDIR
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            PG_BINDIR=$d
            return 0
        fi
    fi
    # Newest /usr/lib/postgresql/<major>/bin.
    d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
        PG_BINDIR=$d
        return 0
    fi
    return 1
}

pg_ensure_server_binaries() {
    pg_find_bindir && return 0
    if [[ $EUID -ne 0 ]]; then
        pg_die "PostgreSQL server binaries (initdb, pg_ctl) not found and not running as root.
       Install them (Debian: apt-get install postgresql), set TINHSO_PG_BINDIR,
       or point TINHSO_TEST_DATABASE_URL at a running server."
    fi
    pg_log "PostgreSQL server not installed; installing it with apt-get"
    # The packaged cluster may or may not start (no init system); it is not relied on.
    local apt_log
    apt_log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        pg_die "apt-get install postgresql failed"
    fi
    rm -f "$apt_log"
    pg_find_bindir || pg_die "PostgreSQL installed but initdb/pg_ctl still not found"
}

# pg_isready on HOST PORT; false if pg_isready itself is unavailable.
pg_answers() {
    local host=$1 port=$2 isready=""
    if command -v pg_isready >/dev/null 2>&1; then
        isready=pg_isready
    elif pg_find_bindir && [[ -x "$PG_BINDIR/pg_isready" ]]; then
        isready=$PG_BINDIR/pg_isready
    else
        return 1
    fi
    "$isready" -q -h "$host" -p "$port" -t 3 >/dev/null 2>&1
}

# Run a PostgreSQL server tool as the right OS user: initdb/pg_ctl refuse root.
pg_as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_private_start() {
    local port=${1:-$PG_PRIVATE_PORT_DEFAULT}
    pg_ensure_server_binaries
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        pg_die "running as root but there is no 'postgres' OS user to run initdb/pg_ctl as"
    fi
    if pg_answers 127.0.0.1 "$port"; then
        pg_die "port $port already has a PostgreSQL server; stop it or set TINHSO_PG_PRIVATE_PORT"
    fi

    PG_PRIVATE_DIR=$(mktemp -d "${TINHSO_PG_TMPDIR:-/tmp}/tinhso-pg.XXXXXX")
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$PG_PRIVATE_DIR"
    fi
    chmod 700 "$PG_PRIVATE_DIR"

    pg_log "initdb in $PG_PRIVATE_DIR (PostgreSQL binaries: $PG_BINDIR)"
    if ! pg_as_owner "$PG_BINDIR/initdb" -D "$PG_PRIVATE_DIR/data" -U postgres -A trust \
            -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_PRIVATE_DIR/initdb.log" 2>&1; then
        cat "$PG_PRIVATE_DIR/initdb.log" >&2
        pg_private_stop
        pg_die "initdb failed"
    fi

    # Listen on 127.0.0.1 only; socket in the private dir; durability off (throw-away data).
    local opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_PRIVATE_DIR"
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    pg_log "starting private server on 127.0.0.1:$port"
    if ! pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_PRIVATE_DIR/data" -l "$PG_PRIVATE_DIR/server.log" \
            -o "$opts" -w -t 60 start >/dev/null; then
        cat "$PG_PRIVATE_DIR/server.log" >&2 || true
        pg_private_stop
        pg_die "could not start the private PostgreSQL server"
    fi
    PG_URL="postgres://postgres@127.0.0.1:${port}/postgres"
    PG_URL_SOURCE="private server started by this script (stopped at exit)"
}

pg_private_stop() {
    local dir=$PG_PRIVATE_DIR
    [[ -n "$dir" ]] || return 0
    PG_PRIVATE_DIR=""
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        pg_log "stopping private server ($dir)"
        pg_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            pg_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

# Decide which server the PostgreSQL test step uses:
#   1. TINHSO_TEST_DATABASE_URL if set (pass it in as $1), used as given;
#   2. the system server on 127.0.0.1:5432 (database "test") if pg_isready answers
#      and, when psql is available, the database "test" accepts user postgres;
#   3. otherwise a private server on port TINHSO_PG_PRIVATE_PORT (default 55432).
pg_choose_url() {
    local given=${1:-}
    if [[ -n "$given" ]]; then
        PG_URL=$given
        PG_URL_SOURCE="TINHSO_TEST_DATABASE_URL from the environment"
        return 0
    fi
    if pg_answers "$PG_SYSTEM_HOST" "$PG_SYSTEM_PORT"; then
        if ! command -v psql >/dev/null 2>&1 ||
                PGCONNECT_TIMEOUT=5 psql "$PG_SYSTEM_URL" -X -w -q -tA -c 'select 1' >/dev/null 2>&1; then
            PG_URL=$PG_SYSTEM_URL
            PG_URL_SOURCE="server already running on ${PG_SYSTEM_HOST}:${PG_SYSTEM_PORT}"
            return 0
        fi
        pg_log "a server answers on ${PG_SYSTEM_HOST}:${PG_SYSTEM_PORT} but '$PG_SYSTEM_URL' does not accept connections; using a private server instead"
    fi
    pg_private_start "${TINHSO_PG_PRIVATE_PORT:-$PG_PRIVATE_PORT_DEFAULT}"
}

# Redact a password in a URL for printing.
pg_redact() { sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$1"; }

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
        selftest)
            trap pg_private_stop EXIT
            pg_private_start "${2:-$PG_PRIVATE_PORT_DEFAULT}"
            echo "URL: $PG_URL"
            psql "$PG_URL" -X -q -tA -c 'select version()'
            psql "$PG_URL" -X -q -tA -c "select current_user, current_setting('listen_addresses'), current_setting('port'), pg_encoding_to_char(encoding) from pg_database where datname = current_database()"
            ;;
        choose)
            trap pg_private_stop EXIT
            pg_choose_url "${TINHSO_TEST_DATABASE_URL:-}"
            echo "URL: $(pg_redact "$PG_URL") ($PG_URL_SOURCE)"
            ;;
        *)
            echo "usage: bash scripts/lib/pg.sh selftest [PORT] | choose" >&2
            exit 2
            ;;
    esac
fi

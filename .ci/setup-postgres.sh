# Sourced by .ci/run: a throwaway PostgreSQL server for the store's contract and torture tests.
#
# Installs the Debian package when no server binaries exist, runs initdb in a temporary folder as
# the `postgres` user (the server refuses to run as root), listens only on a Unix socket inside
# that folder (no port shared with anything else on the machine), creates a password-protected
# role and a database, and exports HELPDESK_TEST_PG_URL. The clean-up stops the server and removes
# the folder.

_pg_bindir() {
    local found
    # `|| true`: this file is sourced under `set -euo pipefail`; no match must not end CI here.
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then
        echo "$found"
    fi
}

_pg_as_owner() {
    # initdb and the server must not run as root; the folder belongs to `postgres` then.
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_pg_setup() {
    local bindir dir password
    bindir=$(_pg_bindir)
    if [ -z "$bindir" ]; then
        echo "setup-postgres: instalando o PostgreSQL (apt-get) …" >&2
        # A failed install is not fatal here: the PostgreSQL tests then fail under CI=true.
        apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || true
        bindir=$(_pg_bindir)
    fi
    if [ -z "$bindir" ]; then
        echo "setup-postgres: PostgreSQL indisponível; os testes do PostgreSQL vão falhar." >&2
        return 0
    fi
    dir=$(mktemp -d /tmp/helpdesk-pg.XXXXXX)
    chmod 0755 "$dir"
    password="ci-$(date +%s)-$$"
    printf '%s\n' "$password" >"$dir/pwfile"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir" "$dir/pwfile"
    fi
    _pg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
        --auth=scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        return 1
    }
    _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    CLEANUP+=("runuser -u postgres -- $bindir/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1 || $bindir/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1; rm -rf $dir")
    PGPASSWORD="$password" "$bindir/psql" -q -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE helpdesk LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE helpdesk_test OWNER helpdesk" >/dev/null
    export HELPDESK_TEST_PG_URL="postgresql://helpdesk:$password@/helpdesk_test?host=$dir"
    export HELPDESK_TEST_PG_BINDIR="$bindir"
    export HELPDESK_TEST_PG_DATA="$dir/data"
}

_pg_setup

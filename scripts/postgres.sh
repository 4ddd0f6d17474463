#!/usr/bin/env bash
# A PostgreSQL server for the store's tests, on Debian as root: installs the distribution's
# package if missing, starts its cluster (nothing to do if it runs already), creates the role
# `exobot` (password `exobot`, CREATEDB: each test makes a database of its own) and the
# database `exobot` if missing, and prints the URL for TEST_DATABASE_URL on stdout.
# Progress goes to stderr, so `url=$(scripts/postgres.sh)` works. Safe to run again.
set -euo pipefail

say() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    say "run as root (it installs packages and starts the server)"
    exit 1
fi

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters --no-header 2>/dev/null)" ]; then
    say "installing PostgreSQL from the distribution's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

# The first cluster listed: "version name port status ...".
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1) || true
if [ -z "${version:-}" ]; then
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n 1)
    say "creating cluster $version/main"
    pg_createcluster "$version" main >&2
    read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
fi
case "$status" in
    online*) say "cluster $version/$cluster is running on port $port" ;;
    *)
        say "starting cluster $version/$cluster"
        pg_ctlcluster "$version" "$cluster" start >&2
        ;;
esac

for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p "$port" >&2

psql_admin() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'exobot'")" != 1 ]; then
    say "creating role exobot"
    psql_admin -c "CREATE ROLE exobot LOGIN CREATEDB PASSWORD 'exobot'" >&2
else
    psql_admin -c "ALTER ROLE exobot LOGIN CREATEDB PASSWORD 'exobot'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'exobot'")" != 1 ]; then
    say "creating database exobot"
    psql_admin -c "CREATE DATABASE exobot OWNER exobot" >&2
fi

url="postgres://exobot:exobot@127.0.0.1:$port/exobot"
PGPASSWORD=exobot psql "$url" -qtAc "SELECT 1" >/dev/null
say "ready"
echo "$url"

#!/usr/bin/env bash
# The proof that exobot scales out on this machine (tests/process/scale.rs): three `exobot serve`
# instances behind nginx sharing one PostgreSQL database, the fake Discord posting signed
# interactions through nginx, one instance SIGKILLed and started again. Installs nginx and
# PostgreSQL from the distribution's packages when they are missing (Debian/Ubuntu, as root),
# starts PostgreSQL, runs the proof and prints its figures (lines starting `scale:`).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "== installing nginx"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nginx-light >/dev/null || apt-get install -y -qq nginx >/dev/null
fi
# The test starts its own nginx on 127.0.0.1 ports of its own; a packaged one that the
# installation started is not used.

TEST_DATABASE_URL="$(scripts/postgres.sh | tail -n 1)"
export TEST_DATABASE_URL

echo "== cargo test --test process scale:: -- --ignored --nocapture"
cargo test --locked --test process scale:: -- --ignored --nocapture

#!/usr/bin/env bash
# Entrypoint wrapper for the PostgreSQL PRIMARY (compose service postgres-primary).
#
# The wal-archive volume is created empty and owned by root; PostgreSQL's archive_command runs
# as the postgres user and must be able to write there. This makes the directory postgres's,
# then hands over to the official image's entrypoint with the same arguments, unchanged.
set -euo pipefail

install -d -o postgres -g postgres -m 0700 /wal-archive

exec docker-entrypoint.sh "$@"

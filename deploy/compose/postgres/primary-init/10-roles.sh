#!/usr/bin/env bash
# Runs ONCE, when the primary's data volume is initialised (the official postgres image runs
# every script in /docker-entrypoint-initdb.d then, in name order, and never again).
#
# Creates:
#   - the role `tracecall` (LOGIN, not a superuser, password from $TRACECALL_DB_PASSWORD) and
#     the database `tracecall` it owns: tracecall's nodes connect as this role, which can
#     create and change its own tables (migrations) and nothing else on the server;
#   - the role `replicator` (REPLICATION + LOGIN, password from $REPLICATION_PASSWORD), which
#     the hot standby streams with, and a pg_hba.conf line allowing it with a password (SCRAM).
# The standby creates its replication slot itself when it clones (standby-entrypoint.sh).
# The init phase ends with a restart of the server, which loads the new pg_hba.conf line.
set -euo pipefail

: "${TRACECALL_DB_PASSWORD:?TRACECALL_DB_PASSWORD must be set}"
: "${REPLICATION_PASSWORD:?REPLICATION_PASSWORD must be set}"

# Passwords go in as psql variables (:'name' quotes them as SQL literals), never pasted into
# the SQL text.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     --set=app_pw="$TRACECALL_DB_PASSWORD" --set=repl_pw="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE tracecall WITH LOGIN PASSWORD :'app_pw';
CREATE DATABASE tracecall OWNER tracecall;
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'repl_pw';
SQL

echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"

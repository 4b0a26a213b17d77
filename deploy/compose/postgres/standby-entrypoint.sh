#!/usr/bin/env bash
# Entrypoint wrapper for the PostgreSQL HOT STANDBY (compose service postgres-standby).
#
# First start (no database in the data volume): wait for the primary, then clone it with
# pg_basebackup:
#   -R            writes primary_conninfo (including the replication password) into
#                 postgresql.auto.conf and creates standby.signal, so the copy starts as a
#                 streaming standby of the primary;
#   -X stream     streams the WAL written during the copy, so the copy is consistent;
#   -S standby1   streams through a physical replication slot, so the primary keeps the WAL
#                 the standby has not received yet (bounded by max_slot_wal_keep_size);
#   -C            creates that slot first. If it already exists (a rebuilt standby), the
#                 clone is retried without -C, reusing it.
# Every start: hand over to the official entrypoint, which sees an existing database, skips
# initialisation and runs `postgres` with the arguments from compose.yaml.
#
# To rebuild the standby from scratch (e.g. after the primary was restored):
#   docker compose rm -sf postgres-standby && docker volume rm tracecall_pg-standby
#   docker compose up -d postgres-standby
set -euo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
: "${PRIMARY_HOST:?PRIMARY_HOST must be set}"
: "${REPLICATION_SLOT:=standby1}"
: "${REPLICATION_PASSWORD:?REPLICATION_PASSWORD must be set}"

clone() {
  # Start from an empty directory (a previous attempt may have been interrupted).
  find "$PGDATA" -mindepth 1 -delete
  # gosu (in the official image) runs pg_basebackup as postgres, so the files are postgres's.
  PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres \
    pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator -D "$PGDATA" \
                  -R -X stream -S "$REPLICATION_SLOT" --checkpoint=fast "$@"
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "standby: no database in $PGDATA, cloning $PRIMARY_HOST" >&2
  install -d -o postgres -g postgres -m 0700 "$PGDATA"
  until pg_isready -h "$PRIMARY_HOST" -p 5432 -q; do
    echo "standby: waiting for $PRIMARY_HOST" >&2
    sleep 2
  done
  if ! clone -C; then
    echo "standby: retrying with the existing slot $REPLICATION_SLOT" >&2
    clone
  fi
  echo "standby: clone done" >&2
fi

exec docker-entrypoint.sh "$@"

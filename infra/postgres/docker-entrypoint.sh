#!/bin/sh
# The entry point of the postgres:17 image that bin/build-infra-images makes, with the official image's contract for
# what a compose file uses: on an empty $PGDATA the cluster is made with POSTGRES_USER (default postgres) as its
# superuser, password POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_INITDB_ARGS, and
# the database POSTGRES_DB (default: the user's name); *.sql, *.sql.gz and *.sh in /docker-entrypoint-initdb.d run
# once, in name order. Connections from other hosts authenticate with POSTGRES_HOST_AUTH_METHOD (default
# scram-sha-256). Then the command runs: `postgres -c wal_level=logical ...`; arguments that start with '-' are given
# to postgres. Started as root, it gives the data directory to postgres and runs as that user (the server refuses
# root), through util-linux's setpriv: busybox's shell would take its own applet, which cannot change users.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R 999:999 "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec /usr/bin/setpriv --reuid=999 --regid=999 --clear-groups "$0" "$@"
fi

initialise() {
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "postgres: the data directory is empty and POSTGRES_PASSWORD is not set; set it to the superuser's password" >&2
    echo "          (or POSTGRES_HOST_AUTH_METHOD=trust to let anyone who can reach the port in without one)" >&2
    exit 1
  fi
  password_file=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$password_file"
  # POSTGRES_INITDB_ARGS holds several arguments: split on spaces
  # shellcheck disable=SC2086
  initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host="$auth" --encoding=UTF8 --locale=C \
    ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA"
  rm -f "$password_file"
  printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\nunix_socket_directories = '/var/run/postgresql'\n" >> "$PGDATA/postgresql.conf"

  # the database and the init scripts, on a server that only this script can reach (its socket)
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -p 5432" start
  if [ "$database" != postgres ]; then
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username="$user" --dbname=postgres --set=database="$database" <<'SQL'
CREATE DATABASE :"database";
SQL
  fi
  for script in /docker-entrypoint-initdb.d/*; do
    case "$script" in
      *.sh) echo "postgres: running $script"; . "$script" ;;
      *.sql) echo "postgres: running $script"; psql -v ON_ERROR_STOP=1 --no-psqlrc --username="$user" --dbname="$database" -f "$script" ;;
      *.sql.gz) echo "postgres: running $script"; gunzip -c "$script" | psql -v ON_ERROR_STOP=1 --no-psqlrc --username="$user" --dbname="$database" ;;
      *) [ ! -e "$script" ] || echo "postgres: ignoring $script" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo "postgres: initialised $PGDATA (superuser $user, database $database)"
}

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  initialise
fi
exec "$@"

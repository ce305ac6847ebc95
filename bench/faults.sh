#!/usr/bin/env bash
# Benchmark: real faults during a burst, on the topology a deployment uses (README "Deploying").
#
#     bash bench/faults.sh              # 200 learners
#     LEARNERS=500 bash bench/faults.sh
#
# Starts, all on loopback and in a throw-away folder: PostgreSQL (fsync on), two gunicorn app
# servers (production settings, deploy/gunicorn.conf.py, persistent connections) sharing the
# database, the media folder and the database cache, and nginx in front of them
# (deploy/nginx.conf's proxying). bench/burst.py then sends its burst through nginx. While it
# runs: PostgreSQL is restarted (pg_ctl restart -m fast), then one app server is killed (SIGKILL,
# its whole process group). The clients retry as the browser does. At the end burst.py checks the
# database and prints what was lost, which must be 0; this script exits with its status.
#
# Needs root (PostgreSQL runs as the postgres user), Debian's postgresql and nginx(-light).
# Bounded: the burst stops after MAX_SECONDS; everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

LEARNERS=${LEARNERS:-200}
MAX_SECONDS=${MAX_SECONDS:-300}
PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}

[ "$(id -u)" = 0 ] || { echo "Run as root: PostgreSQL is started as the postgres user."; exit 2; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PG_BIN/initdb" ] || { echo "Install PostgreSQL: apt-get install postgresql"; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "Install nginx: apt-get install nginx-light"; exit 2; }

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK=$(mktemp -d /tmp/psr-faults.XXXXXX)
chown postgres:postgres "$WORK"
PG_PORT=$(free_port); APP1=$(free_port); APP2=$(free_port); PROXY=$(free_port)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill -TERM "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "::: PostgreSQL on 127.0.0.1:$PG_PORT"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 >/dev/null
pg_ctl() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w "$@" >/dev/null; }
pg_ctl start -o "-h 127.0.0.1 -p $PG_PORT -k $WORK"

mkdir -p "$WORK/media"
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')
export DJANGO_SETTINGS_MODULE=learning.settings.production
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export SECRET_KEY="$SECRET" PSR_RESPONDENT_SECRET="$SECRET"
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false DB_CONN_MAX_AGE=60
export MEDIA_ROOT="$WORK/media" GUNICORN_WORKERS=${GUNICORN_WORKERS:-2} GUNICORN_THREADS=${GUNICORN_THREADS:-4}
export GUNICORN_LOG_LEVEL=warning GUNICORN_ACCESS_LOG=/dev/null
"$PY" manage.py migrate --noinput >/dev/null
"$PY" manage.py createcachetable

for port in "$APP1" "$APP2"; do
  echo "::: app server on 127.0.0.1:$port"
  GUNICORN_BIND="127.0.0.1:$port" setsid "$GUNICORN" -c deploy/gunicorn.conf.py learning.wsgi \
    2>"$WORK/app-$port.log" &
  pids+=("$!")
done

cat >"$WORK/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  upstream psr_learn {
    server 127.0.0.1:$APP1 max_fails=2 fail_timeout=5s;
    server 127.0.0.1:$APP2 max_fails=2 fail_timeout=5s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$PROXY;
    location / {
      proxy_pass http://psr_learn;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto http;
      proxy_read_timeout 65s;
      proxy_next_upstream error timeout;
    }
  }
}
EOF
echo "::: nginx on 127.0.0.1:$PROXY in front of both"
setsid "$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
pids+=("$!")

STARTED="$WORK/burst-started"
"$PY" bench/burst.py --url "http://127.0.0.1:$PROXY" --learners "$LEARNERS" \
  --max-seconds "$MAX_SECONDS" --started-file "$STARTED" >"$WORK/burst.out" 2>"$WORK/burst.err" &
burst=$!

for _ in $(seq 1 600); do [ -f "$STARTED" ] && break; kill -0 "$burst" 2>/dev/null || break; sleep 0.1; done
[ -f "$STARTED" ] || { cat "$WORK/burst.err"; echo "The burst did not start."; exit 1; }
sleep 2
echo "::: fault: restarting PostgreSQL (pg_ctl restart -m fast) during the burst"
pg_ctl restart -m fast -o "-h 127.0.0.1 -p $PG_PORT -k $WORK"
sleep 2
echo "::: fault: killing app server 127.0.0.1:$APP1 (SIGKILL to its process group)"
kill -KILL -- "-${pids[0]}"

status=0
wait "$burst" || status=$?
cat "$WORK/burst.out"
if [ "$status" -ne 0 ]; then
  echo "::: burst.py exited $status; last lines of its errors:"
  tail -n 20 "$WORK/burst.err"
fi
exit "$status"

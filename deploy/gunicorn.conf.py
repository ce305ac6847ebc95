"""Gunicorn for PSR Learn: `gunicorn -c deploy/gunicorn.conf.py learning.wsgi`.

Every value can be set from the environment (README "Deploying"). Defaults suit one app server
on PostgreSQL behind nginx: 2 x cores + 1 worker processes.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
# One thread per process on PostgreSQL behind nginx (which buffers slow clients): measured with
# bench/burst.py, 106 requests/s against 78 with 4 threads on 2 cores. `make run` (SQLite) uses
# 8: a request waiting for SQLite's write lock then waits in its own thread.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request longer than this is a bug or an attack: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Finish what is in flight on a restart (systemctl reload / SIGHUP) before stopping.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# The application is loaded once, in the master, and each worker forked from it: a recycled
# worker starts in milliseconds instead of importing Django and Wagtail again (about a second of
# CPU, during a burst), and the workers share the loaded code's memory.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in {"0", "false", "no"}
# Recycle workers now and then, so no slow leak grows for weeks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The proxy on the same machine (or the load balancer's address) sets X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def pre_fork(server, worker):
    # What the master loaded lives as long as the worker: freezing it keeps the garbage
    # collector from scanning it again on every full collection in every worker, and keeps the
    # pages shared after the fork (https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()

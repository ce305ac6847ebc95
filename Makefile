# PSR Learn: `make run` sets up and serves the demo site; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

# Certificates are laid out by WeasyPrint through Pango, with Noto fonts for every script our
# learners' names are written in (learning/documents/unicode_fonts.py): Debian's packages.
PDF_APT := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core

.PHONY: run test setup messages lint format check-chromium check-pdf clean

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the front-end packages: apt-get install npm"; exit 1; }
	# --ignore-scripts: no package runs code at install time (h5p-standalone's script needs it).
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $(STAMP)

setup: $(STAMP) check-pdf
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py compilemessages --ignore "$(VENV)" --ignore node_modules -v 0
	$(PY) manage.py collectstatic --noinput -v 0

# Served by gunicorn, not runserver: 2 processes x 8 threads answer 16 requests at once, and a
# request waiting for SQLite's write lock waits in its thread (WAL lets reads go on meanwhile).
# That holds a pilot cohort of 50 learners (bench/burst.py); production is PostgreSQL with
# deploy/gunicorn.conf.py (README "Deploying").
# The demo with 200 simulated learners (and the events' attendees, and 30 action plans), so the
# program lead's dashboard shows figures rather than "fewer than 5": about 1.5 minutes the first
# time, a few seconds after (the same seed adds nobody twice).
run: setup
	$(PY) manage.py seed_demo --responses 200
	@echo "PSR Learn: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DJANGO_SETTINGS_MODULE=learning.settings.dev GUNICORN_BIND=$(HOST):$(PORT) \
	  GUNICORN_WORKERS=2 GUNICORN_THREADS=8 GUNICORN_LOG_LEVEL=warning \
	  $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py learning.wsgi

check-chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); \
	  else \
	    echo "The browser tests need Debian's Chromium: sudo apt-get install chromium"; exit 1; \
	  fi; }

check-pdf:
	@dpkg -s $(PDF_APT) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Pango and the Noto fonts for certificates..."; \
	    (apt-get install -y -qq $(PDF_APT) >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq $(PDF_APT) >/dev/null)); \
	  else \
	    echo "Certificates need Pango and the Noto fonts: sudo apt-get install $(PDF_APT)"; exit 1; \
	  fi; }

# With DATABASE_URL set (postgres://...), the suite runs on that database instead of SQLite.
test: $(STAMP) check-chromium check-pdf
	$(PY) manage.py compilemessages --ignore "$(VENV)" --ignore node_modules -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

messages: $(STAMP)
	$(PY) manage.py makemessages -l fr --ignore "$(VENV)" --ignore node_modules --ignore staticfiles --ignore tests --no-obsolete
	$(PY) manage.py makemessages -d djangojs -l fr --ignore "$(VENV)" --ignore node_modules --ignore staticfiles --ignore tests --no-obsolete
	$(PY) manage.py compilemessages --ignore "$(VENV)" --ignore node_modules

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	# The layers of README "Architecture" (pyproject.toml, [tool.importlinter]).
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .test-media

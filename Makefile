# thidua — two commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/thidua
# Where `make run` serves; certificates' QR codes point there (SITE_URL).
RUN_ADDR ?= 127.0.0.1:8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: replica replica-stop run test test-sqlite test-postgres lint install migrate demo serve clean system-deps system-deps-run

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Missing system packages (LibreOffice, poppler, chromium, PostgreSQL, fonts, …) are
# apt-installed, as root or through sudo; PostgreSQL is started for the tests.
system-deps:
	scripts/install-system-deps test

system-deps-run:
	scripts/install-system-deps run

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v0

demo: migrate
	$(BIN)/thidua demo

run: system-deps-run demo
	SITE_URL=http://$(RUN_ADDR) $(BIN)/thidua serve $(RUN_ADDR)

lint: install
	mkdir -p var
	$(BIN)/ruff check thidua tests
	$(BIN)/ruff format --check thidua tests
	$(BIN)/lint-imports
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	THIDUA_ENV=production SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=thidua.example.vn \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: install
	$(BIN)/pytest -n 2 -p no:randomly

test-postgres: install
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 -p no:randomly; \
	else echo "PostgreSQL không truy cập được tại $(PG_URL)"; exit 1; fi

test: system-deps lint test-sqlite test-postgres

# A local streaming replica of the PostgreSQL at 127.0.0.1:5432, on port 5433 (var/replica).
replica: install
	$(BIN)/thidua replica start

replica-stop: install
	$(BIN)/thidua replica stop

serve: install
	SITE_URL=http://$(RUN_ADDR) $(BIN)/thidua serve $(RUN_ADDR)

clean:
	rm -rf $(VENV) var/static

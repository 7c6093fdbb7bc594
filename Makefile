# Two commands on a fresh machine:  make site  (builds site/)  and  make test.
# Both create the virtual environment in .venv/ and install the project first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site publish test check serve clean chromium

site: $(STAMP)
	$(BIN)/python -m build_tools build

# The public build: refuses a local site address. ARCHIVE_SITE_URL=https://example.org/archive/ make publish
publish: $(STAMP)
	$(BIN)/python -m build_tools build --publish

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (Playwright's own browser download is not possible here).
chromium:
	@command -v chromium >/dev/null || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }

check: $(STAMP)
	$(BIN)/python -m build_tools check

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf site build $(VENV)

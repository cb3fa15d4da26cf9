# Two commands a researcher needs: `make figures` (the main job) and `make test`.
# Both build .venv on first use from pyproject.toml pinned by constraints.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: figures test test-lowest bench coder clean-venv browser

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

figures: $(STAMP)
	$(BIN)/toolkit figures

# The browser test needs Debian's chromium; install it when missing and we may (root, apt available).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed; the browser test will be skipped"; \
	  else echo "chromium not found; the browser test will be skipped"; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest
	$(MAKE) test-lowest

# The fast tests again at the lowest versions pyproject.toml allows, so its lower bounds stay true.
LOWEST := .venv-lowest
test-lowest: $(STAMP)
	rm -rf $(LOWEST)
	$(BIN)/uv venv --quiet --python $(BIN)/python $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e ".[dev]"
	$(LOWEST)/bin/python -m pytest -q -m "not slow" -p no:cacheprovider

# Retrain the learned statement coder from corpus/training/ into toolkit/models/ (deterministic). Sentences not in
# .cache/coder are embedded by CODER_JOBS processes (the same vectors for any number).
CODER_JOBS ?= 2
coder: $(STAMP)
	$(BIN)/python -m toolkit.train --jobs $(CODER_JOBS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench

clean-venv:
	rm -rf $(VENV)

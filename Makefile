# Kinerja Desktop: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

# Debian packages Qt needs offscreen, poppler for reading PDFs back and zbar for reading the
# forms' QR codes in tests.
QT_DEBS := libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
TEST_DEBS := $(QT_DEBS) poppler-utils zbar-tools
# For a real window (make run on a desktop): the xcb platform plugin's libraries.
RUN_DEBS := $(QT_DEBS) libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0

.PHONY: run test test-slow coverage lint typecheck unit i18n i18n-check bench screenshots guide dist test-installer clean system-deps-test system-deps-run

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Install missing Debian packages (needs root or sudo; skipped when all are present).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-deps-test:
	$(call apt_install,$(TEST_DEBS))

system-deps-run:
	$(call apt_install,$(RUN_DEBS))

run: $(STAMP) system-deps-run
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then env -u QT_QPA_PLATFORM $(PY) -m kinerja_desktop; \
	else echo "No display found (DISPLAY is not set): starting offscreen."; $(PY) -m kinerja_desktop; fi

lint: $(STAMP)
	$(PY) -m ruff check kinerja_desktop tests bench tools
	$(PY) -m ruff format --check kinerja_desktop tests bench tools
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(PY) -m mypy

i18n: $(STAMP)
	$(PY) tools/i18n_sync.py

i18n-check: $(STAMP)
	$(PY) tools/i18n_sync.py --check

# Lint, types, then every test that is not slow, under coverage, with the per-module floors.
test: $(STAMP) system-deps-test lint typecheck coverage

# The slow checks (150 random sync histories, 40 SIGKILLs of a writer), run by .ci/run after
# `make test`. Their randomness comes from one seed, printed first: a failure is replayed with
# `make test-slow KINERJA_TEST_SEED=<seed>`.
SLOW_TESTS := tests/unit/test_sync_convergence.py tests/e2e/test_crash_safety.py
ifndef KINERJA_TEST_SEED
KINERJA_TEST_SEED := $(shell date +%s)
endif
export KINERJA_TEST_SEED

test-slow: $(STAMP) system-deps-test
	@echo "Slow tests with seed $(KINERJA_TEST_SEED) (replay: make test-slow KINERJA_TEST_SEED=$(KINERJA_TEST_SEED))"
	$(PY) -m pytest -q -m slow -p no:cacheprovider --hypothesis-seed=$(KINERJA_TEST_SEED) $(SLOW_TESTS)

# The suite (not slow) under coverage, then the per-module floors of tools/coverage_floors.json
# (tools/check_coverage.py; `--raise-floors` lifts them after tests were added).
COVERAGE_JSON := build/coverage/coverage.json
coverage: $(STAMP) system-deps-test
	@mkdir -p build/coverage
	$(PY) -m coverage erase
	$(PY) -m coverage run -m pytest -q -m "not slow" -p no:cacheprovider
	$(PY) -m coverage json -q -o $(COVERAGE_JSON)
	$(PY) tools/check_coverage.py $(COVERAGE_JSON)

# Every benchmark, the table of figures against their targets (bench/RESULTS.md rewritten from
# it); fails when a target is missed. Drops the file cache for the cold start (root only).
bench: $(STAMP) system-deps-test
	$(PY) -m bench --results bench/RESULTS.md

# Screenshots of every area at 1366x768 and 1024x600 from demo data (docs/images, and the
# user guide's copies in resources/guide/images).
screenshots: $(STAMP) system-deps-test
	$(PY) tools/screenshots.py

# The user guide (resources/guide) as PDFs for printing: docs/panduan-pengguna.pdf, docs/user-guide.pdf.
guide: $(STAMP) system-deps-test
	$(PY) tools/guide_pdf.py

# The frozen one-folder program (PyInstaller) in dist/kinerja-desktop, checked by its self-test.
DIST := dist/kinerja-desktop
DIST_DEBS := binutils $(QT_DEBS)
# Building and checking the installers: a clean Debian 12 root for the .deb, NSIS for Windows.
INSTALLER_DEBS := debootstrap nsis p7zip-full desktop-file-utils

dist: $(STAMP)
	$(call apt_install,$(DIST_DEBS))
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/kinerja.spec
	@du -sh $(DIST)
	$(DIST)/kinerja-desktop --self-test

test-installer: dist
	$(call apt_install,$(INSTALLER_DEBS))
	$(PY) -m pytest -q -m slow -p no:cacheprovider tests/e2e/test_installer_linux.py tests/e2e/test_installer_windows.py

clean:
	rm -rf build dist $(VENV) .mypy_cache .ruff_cache .pytest_cache

# CommuneCast build entry points. Every target installs what it needs first (scripts/install-deps.sh skips
# packages that are already present), so a fresh Debian 12 machine with Swift needs nothing else.

SWIFT ?= swift
CONFIG ?= debug
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path 2>/dev/null)

# Installation: static Swift runtime, so the binaries run on a Debian 12 without the toolchain.
DIST_FLAGS = -c release --static-swift-stdlib
DIST_BIN = $(shell $(SWIFT) build $(DIST_FLAGS) --show-bin-path 2>/dev/null)
GENERATED = .build/generated
PREFIX ?= /usr
SYSCONFDIR ?= /etc
DESTDIR ?=

.PHONY: all deps build release test test-long demo demo-callhome bench fuzz clean check-imports check-units dist install deb check-deb check-boot

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# Three runs: the suites that block on real time (the playout engine and the daemon, paced like a sound card) would
# otherwise occupy the two threads of Swift's cooperative pool and starve the timing-sensitive async server tests.
REALTIME_SUITES = PlayoutTests|DaemonTests
ASYNC_SUITES = ControlServerTests

# The module table of docs/architecture.md is checked first (and the checker itself), before anything is built.
test: deps check-imports
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build --skip '$(REALTIME_SUITES)|$(ASYNC_SUITES)'
	$(SWIFT) test -c $(CONFIG) --skip-build --filter '$(ASYNC_SUITES)'
	$(SWIFT) test -c $(CONFIG) --skip-build --filter '$(REALTIME_SUITES)'

# Tests too long for every run (issue 18's 10 minutes of drift, fast and slow at once: about 10.5 minutes).
test-long: deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	COMMUNECAST_LONG_TESTS=1 $(SWIFT) test -c $(CONFIG) --skip-build --filter 'DriftTenMinutesTests'

# Every import in Sources/ against docs/architecture.md's module table; then the checker's own tests.
check-imports:
	python3 scripts/check-imports.py
	bash scripts/test-check-imports.sh

# systemd-analyze verify and the exposure of the units, sysusers and tmpfiles on a scratch root (also run by make test).
check-units: build
	bash scripts/check-units.sh "$(BIN)/communecastd"

# Release binaries, then manual pages and completions generated from them by swift-argument-parser.
dist: deps
	$(SWIFT) build $(DIST_FLAGS)
	SWIFT=$(SWIFT) bash scripts/generate-docs.sh "$(DIST_BIN)" $(GENERATED) $(DIST_FLAGS)

# make install DESTDIR=/tmp/root PREFIX=/usr
install: dist
	BIN="$(DIST_BIN)" GENERATED=$(GENERATED) DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" SYSCONFDIR="$(SYSCONFDIR)" \
		bash scripts/install.sh

deb: dist
	@bash scripts/install-deps.sh --packaging
	bash scripts/make-deb.sh "$(DIST_BIN)" $(GENERATED) dist

# Installs the package on this machine (root), checks it, and purges it again.
check-deb: deb
	bash scripts/check-package.sh dist/communecast_$$("$(DIST_BIN)/communecastd" --version)_$$(dpkg --print-architecture).deb

# Boots this machine's OS in a container with systemd as PID 1, installs the package there and checks the service
# under its real sandbox: start, READY, reload, watchdog restarts, stop (root; writes nothing to the host).
check-boot: deb
	@bash scripts/install-deps.sh --boot-test
	bash scripts/check-boot.sh dist/communecast_$$("$(DIST_BIN)/communecastd" --version)_$$(dpkg --print-architecture).deb

demo: build
	@COMMUNECAST_BIN="$$($(SWIFT) build -c $(CONFIG) --show-bin-path)" bash scripts/demo.sh

# Issue 15: a province pushes a signed alert through a local Mosquitto to two sites, one started after the push.
demo-callhome: build
	@COMMUNECAST_BIN="$$($(SWIFT) build -c $(CONFIG) --show-bin-path)" bash scripts/demo-callhome.sh

bench: deps
	@bash bench/run-all.sh

# libFuzzer targets (FUZZING.md), built apart in .build-fuzz; never part of `test`. FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 60

fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz demo-work demo-callhome-work demo-output.wav bench/out dist

# CommuneCast build entry points. Every target installs what it needs first (scripts/install-deps.sh skips
# packages that are already present), so a fresh Debian 12 machine with Swift needs nothing else.

SWIFT ?= swift
CONFIG ?= debug
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path 2>/dev/null)

.PHONY: all deps build release test demo bench fuzz clean

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

test: deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build --skip '$(REALTIME_SUITES)|$(ASYNC_SUITES)'
	$(SWIFT) test -c $(CONFIG) --skip-build --filter '$(ASYNC_SUITES)'
	$(SWIFT) test -c $(CONFIG) --skip-build --filter '$(REALTIME_SUITES)'

demo: build
	@COMMUNECAST_BIN="$$($(SWIFT) build -c $(CONFIG) --show-bin-path)" bash scripts/demo.sh

bench: deps
	@bash bench/run-all.sh

# libFuzzer targets (FUZZING.md), built apart in .build-fuzz; never part of `test`. FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 60

fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz demo-work demo-output.wav bench/out

# tovholder — the two commands of the README, and their parts.
#   make run    set up, build, and run the server with demo data on SQLite (http://localhost:8080)
#   make test   set up, build once with clang, ASan+UBSan and the fuzzers' instrumentation (-O1, line
#               tables only: the sanitizers' stack traces keep file and line), and run every test with it (unit,
#               integration, CLI, browser; the browser tests once more on a throwaway PostgreSQL), the fuzz
#               targets briefly (FUZZ_SECONDS each) and the crash test; one sanitized build keeps CI short on
#               two cores; then the install check (a GCC Release build) and the memory check
# Testing beyond CI (docs/testing.md):
#   make fuzz        the libFuzzer targets (clang, ASan+UBSan), FUZZ_SECONDS (10) each
#   make fuzz-long   the same, FUZZ_LONG_SECONDS (600) each
#   make crash-test  kill -9 under appends, reads and imports, then check journal and access log
#   make soak        SOAK_MINUTES (30) of mixed load on a Release server: RSS, descriptors, no 5xx
#   make bench-peer  DuckDB on the same definitions (bench/peer/): both times, the ratio, agreement
# Every build configured here treats warnings as errors (TOVHOLDER_WERROR); a plain cmake build does not.
.PHONY: run test setup build build-asan unit asan e2e e2e-asan e2e-pg e2e-pg-asan install-check memory-check bench clean \
  fuzz fuzz-asan fuzz-long crash-test soak bench-peer

BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= tovholder.db
FUZZ_SECONDS ?= 10
FUZZ_LONG_SECONDS ?= 600
SOAK_MINUTES ?= 30
PEER_CITIZENS ?= 100000

setup:
	scripts/setup

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOVHOLDER_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

# The one sanitized build of make test: clang, ASan+UBSan and the fuzzers' coverage instrumentation
# (TOVHOLDER_FUZZ), so that the tests, the sanitized server and the fuzz targets come from one
# compile (docs/testing.md). -O1 with line tables: stack traces keep file and line.
build-asan: setup
	CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DTOVHOLDER_FUZZ=ON \
	  -DTOVHOLDER_BUILD_BENCH=OFF -DTOVHOLDER_WERROR=ON >/dev/null
	cmake --build build-asan -j $(JOBS) --target unit_tests tovholder fuzz_targets

run: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOVHOLDER_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target tovholder
	scripts/run-demo $(BUILD)/tovholder $(DB)

unit: build
	cd $(BUILD) && ctest --output-on-failure

# The unit tests in one process per core (scripts/unit-tests: GoogleTest's sharding).
asan: build-asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 scripts/unit-tests build-asan/unit_tests

e2e: build
	scripts/e2e $(BUILD)/tovholder

e2e-asan: build-asan
	scripts/e2e build-asan/tovholder

# The browser tests once on PostgreSQL (a throwaway cluster, scripts/e2e-pg).
e2e-pg: build
	scripts/e2e-pg $(BUILD)/tovholder

e2e-pg-asan: build-asan
	scripts/e2e-pg build-asan/tovholder

# A Release build (warnings as errors) installed, moved, and served from outside the source tree.
install-check: setup
	JOBS=$(JOBS) scripts/install-check build-release

# The Release server of install-check under the load that once grew its memory without bound
# (scripts/memory-check: RSS must stay flat).
memory-check: install-check
	scripts/memory-check build-release/tovholder --seconds 25


# libFuzzer targets in build-fuzz (clang); a crash fails. fuzz-long for a real search.
fuzz: setup
	JOBS=$(JOBS) scripts/fuzz --seconds $(FUZZ_SECONDS)

# The fuzz targets of build-asan for FUZZ_SECONDS each (make test).
fuzz-asan: build-asan
	scripts/fuzz --build build-asan --prebuilt --seconds $(FUZZ_SECONDS)

fuzz-long: setup
	JOBS=$(JOBS) scripts/fuzz --seconds $(FUZZ_LONG_SECONDS)

# kill -9 of the sanitized server under parallel appends and reads (and of imports).
crash-test: build-asan
	scripts/crash-test --bin build-asan/tovholder

# Outside CI: a Release server under mixed load for SOAK_MINUTES.
soak: setup
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOVHOLDER_WERROR=ON \
	  -DTOVHOLDER_BUILD_TESTS=OFF -DTOVHOLDER_BUILD_BENCH=OFF >/dev/null
	cmake --build build-release -j $(JOBS) --target tovholder
	bench/soak --bin build-release/tovholder --minutes $(SOAK_MINUTES)

test: asan e2e-asan e2e-pg-asan install-check memory-check fuzz-asan crash-test

bench: build
	scripts/bench $(BUILD)

# DuckDB as a peer on DESIGN §5 (bench/peer/README.md): a Release build, then a fresh demo of
# PEER_CITIZENS (or PEER_DB=FILE, PEER_JOURNAL=FILE, with PEER_AS_OF=DATE); prints both programs'
# times, their ratio and whether their figures agree.
bench-peer: setup
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOVHOLDER_WERROR=ON \
	  -DTOVHOLDER_BUILD_TESTS=OFF -DTOVHOLDER_BUILD_BENCH=OFF >/dev/null
	cmake --build build-release -j $(JOBS) --target tovholder
	bench/peer/run $(if $(PEER_DB),--db $(PEER_DB),$(if $(PEER_JOURNAL),--journal $(PEER_JOURNAL),--citizens $(PEER_CITIZENS))) \
	  $(if $(PEER_AS_OF),--as-of $(PEER_AS_OF)) --tovholder build-release/tovholder
	node bench/peer/cases.mjs --tovholder build-release/tovholder

clean:
	rm -rf $(BUILD) build-asan build-release build-fuzz

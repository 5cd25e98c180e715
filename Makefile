# tovholder — the two commands of the README, and their parts.
#   make run    set up, build, and run the server with demo data on SQLite (http://localhost:8080)
#   make test   set up, build once with ASan+UBSan, and run every test with it (unit, integration,
#               CLI, browser); one sanitized build keeps CI short on two cores; then the install check
#               and the memory check on the Release build
# Every build configured here treats warnings as errors (TOVHOLDER_WERROR); a plain cmake build does not.
.PHONY: run test setup build build-asan unit asan e2e e2e-asan install-check memory-check bench clean

BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= tovholder.db

setup:
	scripts/setup

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOVHOLDER_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

build-asan: setup
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTOVHOLDER_SANITIZE=ON -DTOVHOLDER_BUILD_BENCH=OFF \
	  -DTOVHOLDER_WERROR=ON >/dev/null
	cmake --build build-asan -j $(JOBS) --target unit_tests tovholder

run: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOVHOLDER_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target tovholder
	scripts/run-demo $(BUILD)/tovholder $(DB)

unit: build
	cd $(BUILD) && ctest --output-on-failure

asan: build-asan
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./unit_tests

e2e: build
	scripts/e2e $(BUILD)/tovholder

e2e-asan: build-asan
	scripts/e2e build-asan/tovholder

# A Release build (warnings as errors) installed, moved, and served from outside the source tree.
install-check: setup
	JOBS=$(JOBS) scripts/install-check build-release

# The Release server of install-check under the load that once grew its memory without bound
# (scripts/memory-check: RSS must stay flat).
memory-check: install-check
	scripts/memory-check build-release/tovholder --seconds 25

test: asan e2e-asan install-check memory-check

bench: build
	scripts/bench $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-release

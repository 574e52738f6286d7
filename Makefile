# gendex: two commands do everything on a fresh machine.
#   make demo   install what is missing, build, run the main job on bundled data
#   make test   install what is missing, build, run every test (C++, sanitizers, consumer, Python)
JOBS    ?= 2
FUZZ_RUNS ?= 10000000
FUZZ_SEED ?=
BUILD   ?= build
VENV    := .venv
PYTHON  := $(VENV)/bin/python
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release -DGENDEX_WERROR=ON

.PHONY: all deps build demo test test-lint test-cpp test-asan test-consumer test-python test-wheel test-docs test-fuzz \
        fuzz python wheel docs bench bench-census clean

all: build

deps:
	@tools/install-deps.sh all

build: deps
	@cmake -S . -B $(BUILD)/cpp $(CMAKE_FLAGS) -DGENDEX_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD)/cpp -j $(JOBS)

python: deps
	@$(PYTHON) -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps . </dev/null

demo: build python
	@tools/demo.sh

test-lint: deps
	@tools/lint.sh

test-cpp: build
	@cd $(BUILD)/cpp && ctest --output-on-failure -j $(JOBS) --output-junit junit.xml

test-asan: deps
	@cmake -S . -B $(BUILD)/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGENDEX_WERROR=ON -DGENDEX_BUILD_TESTS=ON \
	  -DGENDEX_SANITIZE=address,undefined -DGENDEX_CHECK_HEADERS=OFF >/dev/null
	@cmake --build $(BUILD)/asan -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  tools/run-gtest-shards.sh $(BUILD)/asan/tests/cpp/gendex_tests $(BUILD)/asan $(JOBS)

test-consumer: build
	@tools/test-consumer.sh $(BUILD)

# On $(JOBS) worker processes (pytest-xdist): most tests run one thread, the machine has two cores.
test-python: python
	@$(PYTHON) -m pytest -q -m "not wheel" -n $(JOBS) --junitxml=$(BUILD)/pytest.xml

# The portable wheel: dist/gendex-*-manylinux_*.whl, libboost_serialization vendored by auditwheel.
wheel: deps
	@tools/build-wheel.sh dist

# Builds that wheel, checks its extension with ldd and readelf, installs it into a fresh venv and
# computes the published GDI there (tests/python/test_wheel.py, marked wheel).
test-wheel: python
	@$(PYTHON) -m pytest -q -m wheel --junitxml=$(BUILD)/pytest-wheel.xml

# The documentation site (docs/, MyST pages and the API reference from the docstrings) into
# $(BUILD)/docs/html; warnings are errors.
docs: python
	@$(PYTHON) -m sphinx -W --keep-going -q -b html docs $(BUILD)/docs/html

# The site, then the Examples of the docstrings and the Python quickstart as doctests (tests/docs).
test-docs: docs
	@$(PYTHON) -m pytest -q tests/docs --junitxml=$(BUILD)/pytest-docs.xml

# libFuzzer targets (tests/fuzz) with clang, ASan and UBSan; FUZZ_RUNS executions per target.
fuzz: deps
	@cmake -S . -B $(BUILD)/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DGENDEX_WERROR=ON -DGENDEX_BUILD_TESTS=OFF -DGENDEX_BUILD_CLI=OFF -DGENDEX_INSTALL=OFF \
	  -DGENDEX_BUILD_FUZZERS=ON >/dev/null
	@cmake --build $(BUILD)/fuzz -j $(JOBS)
	@FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SEED=$(FUZZ_SEED) tools/run-fuzz.sh $(BUILD)/fuzz

# The smoke run of make test: a short run of every target.
test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_RUNS=20000 FUZZ_SEED=1

test: deps
	@tools/run-tests.sh

bench: deps python
	@cmake -S . -B $(BUILD)/bench $(CMAKE_FLAGS) -DGENDEX_BUILD_TESTS=OFF -DGENDEX_BUILD_BENCHMARKS=ON >/dev/null
	@cmake --build $(BUILD)/bench -j $(JOBS)
	@tools/run-benchmarks.sh $(BUILD)/bench

# Census scale: a synthetic 270 M-person Parquet file (written once into build/census/, ~2.5 GB) to
# the IPG and IKG inputs of 514 kabupaten with 100 bootstrap replicates; prints time and peak memory.
bench-census: deps python
	@$(PYTHON) benchmarks/census.py

clean:
	rm -rf $(BUILD)

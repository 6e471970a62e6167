# Everything a fresh machine needs goes through these targets: the venv is
# created from nothing when missing and refreshed when pyproject.toml changes.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.qckpt-installed

.PHONY: demo test test-full test-fast lit pytest bench clean example-vqe example-qaoa example-falqon example-trotter

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,plot]'
	touch $(STAMP)

# The main job on a bundled example: OpenQASM 3 -> QIR, profile check, run on qir-runner.
demo: $(STAMP)
	mkdir -p build
	$(BIN)/qckpt convert examples/teleport.qasm -o build/teleport.ll
	$(BIN)/qckpt check-qir build/teleport.ll
	$(BIN)/qckpt run build/teleport.ll --shots 1000 --seed 7

# The iterative workflows (docs/workflows.md). Each keeps its session in
# build/runs/NAME: interrupt it and run the same target again to resume.
example-vqe example-qaoa example-falqon example-trotter: $(STAMP)
	$(BIN)/python examples/$(@:example-%=%).py --store build/runs/$(@:example-%=%)

test: $(STAMP)
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/lit -q tests/filecheck
	$(BIN)/python -m pytest -q -n auto

# The suite, then the long chaos runs that CI only samples: >= 100 SIGKILLs of
# the runtime (benchmarks/runtime_chaos.py) and of the store (store_chaos.py).
test-full: test
	$(BIN)/python benchmarks/runtime_chaos.py --kills 100
	$(BIN)/python benchmarks/store_chaos.py
	$(BIN)/python benchmarks/restore_fault_injection.py
	$(BIN)/python -m qckpt.testing.logical_kills --kills 100

lit: $(STAMP)
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/lit -v tests/filecheck

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/convert_throughput.py --out docs/benchmarks.md

clean:
	rm -rf build $(VENV)

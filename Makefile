# One entry point for humans and CI. `make run` and `make test` set up the
# virtualenv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: setup run test lint typecheck unit schemas bench bench-stream bench-linearity score clean \
	compiled check-compiled bench-compiled

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The newcomer's run: the bundled samples, led by the project's seed article
# when ../shared is beside the checkout (it is never copied into the project).
SEED := $(SHARED)/data/seed/seed.articles.jsonl
run: $(STAMP)
	@if [ -f $(SEED) ]; then \
		awk 1 $(SEED) service/samples/articles.jsonl > $(VENV)/run-articles.jsonl; \
		exec $(BIN)/dateline run --articles $(VENV)/run-articles.jsonl; \
	else \
		exec $(BIN)/dateline run; \
	fi

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check service tests
	$(BIN)/ruff format --check service tests

typecheck: $(STAMP)
	$(BIN)/mypy

# Most of the suite's time is the integration tests waiting on brokers and
# workers, so four processes overlap the waits; a file's tests stay together
# because they share its worker fixtures.
unit: $(STAMP)
	$(BIN)/pytest -q -n 4 --dist loadfile

schemas: $(STAMP)
	$(BIN)/python -c 'from pathlib import Path; from service.schemas import write_all; [print(p) for p in write_all(Path("schemas"))]'

bench: $(STAMP)
	$(BIN)/dateline bench $(SHARED)/data/seed/seed.articles.jsonl tests/golden/articles.jsonl

bench-stream: $(STAMP)
	$(BIN)/dateline bench --stream

# Extraction time against length on pathological articles (about two minutes).
bench-linearity: $(STAMP)
	$(BIN)/python -m tests.bench.bench_linearity

# The production build (deploy/Dockerfile): the extraction core compiled with
# mypyc (setup.py). It is built in a copy of the tree, so the editable install
# never imports a stale compiled module, and the copy's own tests then run on
# the compiled core.
COMPILED := build/compiled
compiled: $(STAMP)
	rm -rf $(COMPILED) && mkdir -p $(COMPILED)
	cp -r service tests schemas setup.py pyproject.toml README.md $(COMPILED)/
	ln -sfn $(abspath $(SHARED)) build/shared
	cd $(COMPILED) && COMPILE_EXTRACTION_CORE=1 ../../$(BIN)/python setup.py --quiet build_ext --inplace -j 2
	cd $(COMPILED) && ../../$(BIN)/python -c 'import service.extract.pipeline as p; \
		assert p.__file__.endswith(".so"), f"not compiled: {p.__file__}"'

# The compiled core passes the unit, resource and golden tests and codes every
# bundled, golden and dev article exactly as the interpreted core does.
check-compiled: compiled
	cd $(COMPILED) && ../../$(BIN)/pytest -q -n 2 -p no:cacheprovider tests/unit tests/resources tests/golden
	for f in service/samples/articles.jsonl tests/golden/articles.jsonl tests/dev/articles.jsonl; do \
		$(BIN)/dateline extract $$f > build/interpreted.jsonl && \
		(cd $(COMPILED) && ../../$(BIN)/python -m service extract $$f) > build/compiled.jsonl && \
		cmp build/interpreted.jsonl build/compiled.jsonl && echo "same events: $$f" || exit 1; \
	done

bench-compiled: compiled
	cd $(COMPILED) && ../../$(BIN)/python -m service bench \
		$(abspath $(SHARED))/data/seed/seed.articles.jsonl tests/golden/articles.jsonl

score: $(STAMP)
	python3 $(SHARED)/eval/score_events.py --gold $(SHARED)/data/seed/seed.gold.jsonl \
		--articles $(SHARED)/data/seed/seed.articles.jsonl --cmd '$(BIN)/dateline extract'
	for set in golden dev probes heldout; do \
		echo "$$set:"; python3 $(SHARED)/eval/score_events.py --gold tests/$$set/gold.jsonl \
			--articles tests/$$set/articles.jsonl --cmd '$(BIN)/dateline extract' | tail -1; done
	for corpus in timebank aquaint; do \
		python3 $(SHARED)/eval/score_timex.py $(SHARED)/data/timeml/$$corpus \
			--system '$(BIN)/dateline timex' --limit-types DATE,TIME | tail -1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

# Shortcuts for those who have make; dev.py does the work and needs only Python 3.11+.
PYTHON ?= python3

.PHONY: run test bench
run:
	$(PYTHON) dev.py run
test:
	$(PYTHON) dev.py test
bench:
	.venv/bin/python bench/import_bench.py

# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: setup demo test bench clean

setup:
	@scripts/setup.sh

demo: setup
	@$(BIN)/replyflow demo

test: setup
	@$(BIN)/python -m pytest

bench: setup
	@$(BIN)/python -m scripts.bench --shared $(SHARED)
	@echo "OCR time per page, replyflow beside bare tesseract on the same page images:"
	@$(BIN)/python scripts/bench_ocr.py $(SHARED)/corpus/scans --pages 1

clean:
	rm -rf $(VENV) data .pytest_cache

.PHONY: app test check bench fmt
app:
	python3 tasks.py app
test:
	python3 tasks.py test
check:
	python3 tasks.py check
fmt:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .
bench:
	.venv/bin/python bench/cli.py && .venv/bin/python bench/store.py && .venv/bin/python bench/submit.py && .venv/bin/python bench/search.py && .venv/bin/python bench/search_memory.py && .venv/bin/python bench/startup.py && .venv/bin/python bench/forms.py && .venv/bin/python bench/memory.py && .venv/bin/python bench/hooks.py && .venv/bin/python bench/article.py && .venv/bin/python bench/views.py && .venv/bin/python bench/lote.py

# The workbench image used by docker-compose.yml (production store: Neo4j through NEO4J_*).
# Two stages: the first builds every wheel (PyICU compiles against ICU there, with a compiler the image does not
# keep); the second installs only the runtime lock's wheels and the workbench's own wheel. No test or dev tool
# (pytest, hypothesis, Playwright, mypy) enters the image.

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential pkg-config libicu-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY requirements.txt ./
# Every runtime dependency, pinned and hash-checked, as wheels (PyICU built from its source here).
RUN pip wheel --require-hashes --wheel-dir /wheels -r requirements.txt
COPY pyproject.toml README.md ./
COPY workbench ./workbench
# The workbench itself: its wheel carries the Cypher files, the model, the data, the app and the demo bundle.
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# PyICU's shared library needs ICU at run time (the compiler and headers stayed in the build stage).
RUN apt-get update \
 && apt-get install -y --no-install-recommends "$(apt-cache search --names-only '^libicu[0-9]+$' | cut -d' ' -f1 | head -n1)" \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links /wheels /wheels/precursor_watch-*.whl && rm -rf /wheels
# Not root; WORKBENCH_HOME (docker-compose.yml: a volume at /data/workbench) belongs to the workbench user.
RUN useradd --create-home --uid 10001 workbench && mkdir -p /data/workbench && chown workbench /data/workbench
USER workbench
WORKDIR /home/workbench
EXPOSE 8501
CMD ["workbench", "up"]

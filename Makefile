# Every target brings what it needs: a Node 22.19+ runtime (fetched from the npm
# registry when the machine's is older) and the npm packages from the lockfile.
# Settings come from the environment, then from .env when there is one (see .env.example):
# Node's --env-file never overrides a variable that is already set. (Passed only when the file
# exists: --env-file-if-exists would print a notice on every run without one.)
SHELL := /bin/bash
RUN := scripts/node-env.sh
# A smaller young generation keeps RSS low (about 20 MB less) at no measurable cost in turns/s.
ENV_FILE := $(if $(wildcard .env),--env-file=.env)
NODE := $(RUN) node $(ENV_FILE) --max-semi-space-size=8 --disable-warning=ExperimentalWarning

.PHONY: try test chaos start bench quality install typecheck register

install:
	@scripts/install.sh

## Start an interactive interview in the terminal on the built-in defaults.
try: install
	@$(NODE) src/cli.ts $(if $(TYPE),--type $(TYPE),--type screening) $(ARGS)

## The whole test suite (installs Debian and npm packages it needs, starts a private Redis).
test:
	@scripts/test.sh

## Fault injection only: Redis killed mid-load, the server killed with SIGKILL, stale locks (also part of `make test`).
chaos: install
	@$(RUN) npx vitest run test/chaos

## Run the configured bots and the HTTP API.
start: install
	@$(NODE) src/main.ts

## Print the performance figures.
bench: install
	@$(NODE) bench/run.ts

## Print the scoring-quality figures: the calibration set played through the HTTP API on random plans.
quality: install
	@$(NODE) bench/quality.ts $(ARGS)

typecheck: install
	@$(RUN) npx tsc -p tsconfig.json --noEmit
	@$(RUN) npx tsc -p web/tsconfig.json --noEmit

register: install
	@$(NODE) src/bots/discord/register-commands.ts

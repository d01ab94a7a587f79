# Thin entry points; the real work is in scripts/ and CMakePresets.json.
.PHONY: all setup serve dist web native test clean bench fuzz

export NODE_PATH := /usr/share/nodejs
PORT ?= 8080

all: web

setup:
	@scripts/setup

web: setup
	cmake --preset web-release >/dev/null
	cmake --build --preset web-release

serve: web
	@scripts/serve build/web $(PORT)

dist: web
	@scripts/dist build/web build/dist

native: setup
	cmake --preset native-release >/dev/null
	cmake --build --preset native-release --target statelab statelab-sim

test: setup
	@scripts/test

clean:
	rm -rf build/native build/native-debug build/native-asan build/node build/web-build build/web build/dist

FUZZ_SECONDS ?= 60
fuzz: setup
	@scripts/fuzz $(FUZZ_SECONDS)

bench: setup
	@scripts/bench

# Makefile for sift. `make` builds build/sift; `make check` runs every test
# under ASan+UBSan, then the linters. See README.md.

CC      ?= cc
PKGS    := libxml-2.0 sqlite3 jansson zlib libutf8proc libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lstemmer -lpthread -lm

WARN    := -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
DEFS    := -D_GNU_SOURCE
INCS    := -Iinclude -Isrc $(PKG_CFLAGS)
OPT     ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

MODULES := util read text store dedup cluster analyze render serve
LIB_SRC := $(sort $(foreach m,$(MODULES),$(wildcard src/$(m)/*.c)))
CLI_SRC := $(sort $(wildcard src/cli/*.c)) src/main.c
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))

# release build
B := build
LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
# sanitizer build: every test runs against it
A := build/asan
ALIB_OBJ := $(LIB_SRC:%.c=$(A)/obj/%.o)
ACLI_OBJ := $(CLI_SRC:%.c=$(A)/obj/%.o)
ATESTS   := $(TEST_SRC:tests/unit/%.c=$(A)/tests/%)

# The web page's files, built into the binary as C arrays (serve/assets.h).
ASSETS  := $(sort $(wildcard src/serve/assets/*))
GEN_SRC := $(B)/gen/serve_assets.c
LIB_OBJ += $(GEN_SRC:%.c=$(B)/obj/%.o)
ALIB_OBJ += $(GEN_SRC:%.c=$(A)/obj/%.o)

.PHONY: all check unit golden bad fuzz-replay browser lint deps format golden-update clean bench examples robust

all: $(B)/sift

$(GEN_SRC): tools/embed-assets.py $(ASSETS)
	python3 tools/embed-assets.py $@ $(ASSETS)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(INCS) $(OPT) -MMD -MP -c $< -o $@

$(B)/libsift.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/sift: $(CLI_OBJ) $(B)/libsift.a
	$(CC) $(OPT) -o $@ $(CLI_OBJ) $(B)/libsift.a $(PKG_LIBS)

$(A)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) -DSIFT_ARENA_DEBUG=1 $(INCS) -O1 -g $(SAN) -MMD -MP -c $< -o $@

$(A)/libsift.a: $(ALIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(A)/sift: $(ACLI_OBJ) $(A)/libsift.a
	$(CC) $(SAN) -o $@ $(ACLI_OBJ) $(A)/libsift.a $(PKG_LIBS)

$(A)/tests/%: tests/unit/%.c $(A)/libsift.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(INCS) -Itests -O1 -g $(SAN) -o $@ $< $(A)/libsift.a \
		$(PKG_LIBS) -lcmocka

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(ALIB_OBJ:.o=.d) $(ACLI_OBJ:.o=.d)

# ---- tests ----------------------------------------------------------------

export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
export SIFT_SHARED := $(abspath ../shared)

check: all unit golden bad fuzz-replay robust browser lint
	@echo "make check: all passed"

unit: $(ATESTS)
	@set -e; for t in $(ATESTS); do echo "unit: $$t"; (cd tests && ../$$t); done

golden: $(A)/sift
	tests/run-cases.sh $(A)/sift tests/golden

bad: $(A)/sift
	tests/run-cases.sh $(A)/sift tests/bad

golden-update: $(A)/sift
	SIFT_UPDATE=1 tests/run-cases.sh $(A)/sift tests/golden

# The page in headless chromium over the seeds' store (tests/browser/run.sh);
# screenshots in build/browser/.
browser: $(A)/sift
	tests/browser/run.sh $(A)/sift

fuzz-replay: $(A)/libsift.a
	@if [ -x tests/fuzz/replay.sh ]; then tests/fuzz/replay.sh; fi

# ---- lint -----------------------------------------------------------------

C_FILES = $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(wildcard src/*/*.h) include/sift.h

lint: deps
	clang-format --dry-run -Werror $(C_FILES)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr --suppress=missingIncludeSystem -Iinclude -Isrc $(LIB_SRC) $(CLI_SRC)
	clang-tidy --quiet $(LIB_SRC) $(CLI_SRC) -- $(DEFS) $(INCS) -std=c17 2>/dev/null

deps:
	tests/check-deps.sh

format:
	clang-format -i $(C_FILES)

clean:
	rm -rf build

# Build, then read the bundled examples into a scratch store and list them.
demo: $(B)/sift
	rm -f build/examples.db
	$(B)/sift --db build/examples.db add examples/
	$(B)/sift --db build/examples.db docs
	$(B)/sift --db build/examples.db stories
	$(B)/sift --db build/examples.db analyze

# ---- robustness (issue 7; docs/robustness.md) --------------------------------

# LD_PRELOAD shim for store faults (full disk, I/O error, read-only file
# system, a kill at an exact byte); test-only, never linked into sift.
$(A)/fault.so: tests/fault/fault.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -shared -fPIC -o $@ $< -ldl

bad: $(A)/fault.so

# Short crash-safety (20 seeded kills) and concurrency runs; the long ones
# are bench/crash.sh and bench/concurrency.sh.
robust: $(B)/sift $(A)/sift $(A)/fault.so
	tests/crash/crash.sh $(A)/sift 20
	tests/crash/concurrency.sh $(A)/sift 2000

# SPDX-License-Identifier: GPL-2.0
#
# xvs top-level Makefile.
#
#   make                 xvs.ko (+ xvs_kunit.ko) for KDIR, and userspace/xvsctl
#   make check           everything the tests need, then all tests in one VM boot
#   make demo            the demo, in the test VM
#   make bench           xvs vs bridge vs OVS vs tc floor: forwarding, FDB, control
#                        plane, multi-core (not part of check); bench/results/
#   make fuzz            the netlink fuzzer's long run (1M messages), in the test VM
#   make stress          10 min of churn under traffic, every allocation failed, frames
#   make compat-check    W=1 builds against Debian's 6.1 and 6.12 headers
#   make sparse          sparse (C=2) over the module
#   make checkpatch      checkpatch --strict over kmod/ and uapi/
#   make vm-modules      the modules for the test VM's kernel (build/vm/)
#   make test-kernel     build (or find cached) the debug test kernel
#   make clean

TOP := $(CURDIR)

# Default KDIR: the running kernel's build dir, else the newest Debian headers.
newest_headers = $(lastword $(sort $(filter-out %-common %-common-rt,\
	$(wildcard /usr/src/linux-headers-$(1)*-amd64))))
KDIR ?= $(if $(wildcard /lib/modules/$(shell uname -r)/build/Makefile),\
	/lib/modules/$(shell uname -r)/build,$(call newest_headers,))
KDIR_6_1 ?= $(call newest_headers,6.1.)
KDIR_6_12 ?= $(call newest_headers,6.12.)

KSRC_FILES := Kbuild kmod uapi

.PHONY: all module userspace clean check demo bench compat-check sparse checkpatch \
	vm-modules test-kernel deps fuzz stress

all: module userspace

deps:
	@scripts/deps.sh

module:
	@test -n "$(KDIR)" || { echo "no kernel headers found: run scripts/deps.sh or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP) W=1 modules

userspace:
	$(MAKE) -C userspace

# Build the module for another kernel in a copy of the sources under build/,
# so builds for different kernels never share object files.
# $(1): build dir name, $(2): KDIR, $(3): extra make args
define build_copy
	@mkdir -p build/$(1)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' --exclude='Module.symvers' --exclude='modules.order' \
		$(KSRC_FILES) build/$(1)/
	@$(MAKE) -C $(2) M=$(TOP)/build/$(1) W=1 $(3) modules >build/$(1).log 2>&1; \
		rc=$$?; cat build/$(1).log; \
		test $$rc = 0 || { echo "$(1): build failed" >&2; exit 1; }; \
		! grep -E 'warning:|error:' build/$(1).log || \
		{ echo "$(1): build has warnings" >&2; exit 1; }
endef

compat-check:
	@test -n "$(KDIR_6_1)" -a -n "$(KDIR_6_12)" || { echo "need 6.1 and 6.12 headers: run scripts/deps.sh" >&2; exit 1; }
	@echo "== compat: $(KDIR_6_1)"
	$(call build_copy,compat-6.1,$(KDIR_6_1))
	@echo "== compat: $(KDIR_6_12)"
	$(call build_copy,compat-6.12,$(KDIR_6_12))
	@echo "compat-check: no warnings against $(notdir $(KDIR_6_1)) and $(notdir $(KDIR_6_12))"

sparse:
	$(call build_copy,sparse,$(KDIR),C=2)

checkpatch: test-kernel
	@src=$$(ls -d $${XDG_CACHE_HOME:-$$HOME/.cache}/xvs/src/*/linux-source-6.12 | tail -n1); \
	perl $$src/scripts/checkpatch.pl --no-tree --strict --terse -f \
		$$(git ls-files 'kmod/*.[ch]' 'uapi/*.h')

test-kernel:
	@scripts/test-kernel.sh debug >/dev/null

vm-modules:
	@kdir=$$(scripts/test-kernel.sh debug) && \
	$(MAKE) --no-print-directory vm-modules-in VM_KDIR=$$kdir

VM_NAME ?= vm
vm-modules-in:
	$(call build_copy,$(VM_NAME),$(VM_KDIR))

check: deps
	@scripts/check.sh

demo: deps
	@scripts/demo.sh

bench: deps
	@scripts/bench.sh

fuzz: deps
	@scripts/hardening.sh fuzz

stress: deps
	@scripts/hardening.sh stress

clean:
	-test -z "$(KDIR)" || $(MAKE) -C $(KDIR) M=$(TOP) clean
	$(MAKE) -C userspace clean
	rm -rf build

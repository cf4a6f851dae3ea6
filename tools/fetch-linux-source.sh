#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Extract the parts of Debian's linux-source-6.1 that Arbor builds against
# (DESIGN.md §7): libfdt, and the RISC-V board device trees with the
# dt-bindings headers they include.  Nothing of it is committed.
#
#   tools/fetch-linux-source.sh OUTDIR
#
# Uses /usr/src/linux-source-6.1.tar.xz when the package is installed;
# otherwise downloads the .deb with `apt-get download` (no install) and
# reads the tarball out of it.  One tar pass extracts every path needed.
# Upstream's libfdt_env.h is left out: Arbor supplies its own.
set -eu

out=${1:?usage: fetch-linux-source.sh OUTDIR}
pkg=linux-source-6.1
tarball=/usr/src/$pkg.tar.xz
mkdir -p "$out"
out=$(cd "$out" && pwd)

# include/dt-bindings/input/linux-event-codes.h is a symlink into uapi.
paths="$pkg/scripts/dtc/libfdt/* $pkg/arch/riscv/boot/dts/* $pkg/include/dt-bindings/*
       $pkg/include/uapi/linux/input-event-codes.h"

extract() {
	# shellcheck disable=SC2086
	tar -xJ -C "$out" --wildcards --exclude="$pkg/scripts/dtc/libfdt/libfdt_env.h" $paths
}

if [ -r "$tarball" ]; then
	extract < "$tarball"
else
	dl="$out/dl"
	mkdir -p "$dl"
	deb=$(ls "$dl"/${pkg}_*.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		echo "  FETCH   $pkg (apt-get download)"
		if ! (cd "$dl" && apt-get download -q "$pkg" >/dev/null 2>&1); then
			[ "$(id -u)" = 0 ] && apt-get update -qq
			(cd "$dl" && apt-get download -q "$pkg" >/dev/null 2>&1) || {
				echo "fetch-linux-source: cannot download $pkg;" \
				     "check apt sources (Debian 12 main)" >&2
				exit 1
			}
		fi
		deb=$(ls "$dl"/${pkg}_*.deb | head -n 1)
	fi
	echo "  EXTRACT $pkg: libfdt, arch/riscv/boot/dts, include/dt-bindings"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$pkg.tar.xz" | extract
fi
touch "$out/$pkg/.extracted"

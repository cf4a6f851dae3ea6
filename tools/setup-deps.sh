#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install the Debian 12 packages a target needs, only those that are
# missing.  Quiet when nothing is missing; idempotent.
#
#   tools/setup-deps.sh [riscv] [x86_64] [iso] [test] [uboot] [bench] [fuzz] [plot]
#
# apt steps run one after another (two at once fail on the dpkg lock).
set -eu

want=""
for group in "${@:-riscv}"; do
	case "$group" in
	riscv)	want="$want make gcc libc6-dev gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
		      qemu-system-misc opensbi device-tree-compiler python3 xz-utils" ;;
	x86_64)	want="$want make gcc libc6-dev qemu-system-x86 python3" ;;
	iso)	want="$want grub-pc-bin grub-common xorriso mtools" ;;
	test)	want="$want make gcc libc6-dev gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
		      qemu-system-misc qemu-system-x86 opensbi device-tree-compiler python3 xz-utils
		      u-boot-qemu u-boot-tools dosfstools mtools fdisk clang
		      grub-pc-bin grub-common xorriso python3-matplotlib" ;;
	uboot)	want="$want u-boot-qemu u-boot-tools dosfstools mtools fdisk" ;;
	bench)	want="$want valgrind libjemalloc-dev libgoogle-perftools-dev libmimalloc-dev" ;;
	fuzz)	want="$want clang" ;;
	plot)	want="$want python3 python3-matplotlib" ;;
	*)	echo "setup-deps: unknown group '$group'" >&2; exit 2 ;;
	esac
done

missing=""
for pkg in $want; do
	case " $missing " in *" $pkg "*) continue ;; esac
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	"install ok installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "setup-deps: missing packages:$missing" >&2
	echo "setup-deps: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "setup-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only if they are missing or a day old.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	apt-get update -qq
fi
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

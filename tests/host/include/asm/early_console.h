/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host "arch": the console is standard output plus a capture buffer. */
#ifndef _ASM_HOST_EARLY_CONSOLE_H
#define _ASM_HOST_EARLY_CONSOLE_H

void early_console_init(void);

#endif

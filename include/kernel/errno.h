/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error codes, with Linux's numbers; functions return them negated. */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#define ENOENT		2
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define ENODEV		19
#define EEXIST		17
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define EOVERFLOW	75
#define ETIMEDOUT	110

#endif /* _KERNEL_ERRNO_H */

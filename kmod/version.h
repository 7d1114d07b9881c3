/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_VERSION_H
#define _XVS_VERSION_H

#define XVS_VERSION "0.1.0"

#endif /* _XVS_VERSION_H */

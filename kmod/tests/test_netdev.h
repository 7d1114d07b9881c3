/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_TEST_NETDEV_H
#define _XVS_TEST_NETDEV_H

struct net_device;

struct net_device *xvs_test_netdev(const char *name_fmt);

#endif /* _XVS_TEST_NETDEV_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * xvs - the extensible virtual switch: module entry and exit.
 *
 * Lock order of the control path: RTNL, then a port's spinlock. Nothing else
 * nests. See Documentation/api.rst for the objects and their lifecycle.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "datapath.h"
#include "netlink.h"
#include "nic.h"
#include "pernet.h"
#include "port.h"
#include "switch.h"
#include "version.h"

static int __init xvs_init(void)
{
	int err;

	err = xvs_datapath_init();
	if (err)
		goto err_datapath;
	err = xvs_pernet_init();
	if (err)
		goto err_pernet;
	err = xvs_port_init();
	if (err)
		goto err_port;
	err = xvs_nic_init();
	if (err)
		goto err_nic;
	err = xvs_netlink_init();
	if (err)
		goto err_netlink;
	err = xvs_switch_init();
	if (err)
		goto err_switch;

	pr_info("xvs " XVS_VERSION " loaded\n");
	return 0;

err_switch:
	xvs_netlink_exit();
err_netlink:
	xvs_nic_exit();
err_nic:
	xvs_port_exit();
err_port:
	xvs_pernet_exit();
err_pernet:
	xvs_datapath_exit();
err_datapath:
	return err;
}

static void __exit xvs_exit(void)
{
	/*
	 * Every switch through its lifecycle first (no new ones are created
	 * from here on), while userspace still gets the events; then the
	 * family goes.
	 */
	xvs_switch_exit();
	xvs_netlink_exit();
	xvs_nic_exit();
	xvs_port_exit();
	xvs_pernet_exit();
	/* Ports are freed after a grace period; their counters with them. */
	rcu_barrier();
	xvs_datapath_exit();
	pr_info("xvs unloaded\n");
}

module_init(xvs_init);
module_exit(xvs_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("xvs: extensible virtual switch");
MODULE_AUTHOR("The xvs developers");
MODULE_VERSION(XVS_VERSION);
MODULE_ALIAS_RTNL_LINK(XVS_LINK_KIND);
MODULE_ALIAS_GENL_FAMILY(XVS_GENL_NAME);

// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state. Switches are netdevs of link kind xvs: when a
 * namespace goes away the core deletes them (rtnl_link_ops->dellink) before
 * this subsystem's exit runs, so there is nothing left to free here.
 */

#include "pernet.h"

unsigned int xvs_net_id __read_mostly;

static int __net_init xvs_net_init(struct net *net)
{
	struct xvs_net *xn = xvs_net(net);

	INIT_LIST_HEAD(&xn->switches);
	xn->genid = 1;
	return 0;
}

static void __net_exit xvs_net_exit(struct net *net)
{
	WARN_ON_ONCE(!list_empty(&xvs_net(net)->switches));
}

static struct pernet_operations xvs_net_ops = {
	.init = xvs_net_init,
	.exit = xvs_net_exit,
	.id = &xvs_net_id,
	.size = sizeof(struct xvs_net),
};

int xvs_pernet_init(void)
{
	return register_pernet_subsys(&xvs_net_ops);
}

void xvs_pernet_exit(void)
{
	unregister_pernet_subsys(&xvs_net_ops);
}

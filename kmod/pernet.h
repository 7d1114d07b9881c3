/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_PERNET_H
#define _XVS_PERNET_H

#include <linux/list.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

/**
 * struct xvs_net - per network namespace state of xvs
 * @switches: the namespace's switches (RTNL)
 * @event_seq: sequence number of the last lifecycle event sent (RTNL)
 * @genid: generation, bumped on every change; dumps compare it (RTNL)
 */
struct xvs_net {
	struct list_head switches;
	u64 event_seq;
	unsigned int genid;
};

extern unsigned int xvs_net_id;

static inline struct xvs_net *xvs_net(const struct net *net)
{
	return net_generic(net, xvs_net_id);
}

/* Called under RTNL by every change that a dump could observe. */
static inline void xvs_net_changed(const struct net *net)
{
	xvs_net(net)->genid++;
}

int xvs_pernet_init(void);
void xvs_pernet_exit(void);

#endif /* _XVS_PERNET_H */

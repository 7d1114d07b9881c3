// SPDX-License-Identifier: GPL-2.0
/*
 * Port ACLs (placeholder: no rules yet, every frame passes).
 */

#include <linux/slab.h>

#include "acl.h"

/**
 * xvs_acl_check() - does a port's ACL let a frame through?
 * @acl: the port's rule table (not NULL)
 * @dir: %XVS_ACL_DIR_IN (toward the port's VM) or %XVS_ACL_DIR_OUT
 * @skb: the frame, @skb->data at its Ethernet header
 *
 * Context: the data path (RCU, BH disabled).
 * Return: true to let it through.
 */
bool xvs_acl_check(const struct xvs_acl *acl, enum xvs_acl_dir dir,
		   const struct sk_buff *skb)
{
	return true;
}

/**
 * xvs_acl_free() - free a port's table when the port is freed
 * @acl: the table, or NULL
 *
 * Context: no reader can see it any more.
 */
void xvs_acl_free(struct xvs_acl *acl)
{
	kfree(acl);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * NIC_SAVE and NIC_RESTORE: the state extensions keep for a NIC, saved on
 * one port and restored on another (save.c does the work).
 *
 * NIC_SAVE (switch, PORT_ID or PORT_NAME) replies SWITCH_NAME, PORT_ID,
 * PORT_NAME and one BLOB nest (OWNER, DATA) per part, in save order.
 * NIC_RESTORE (switch, PORT_ID or PORT_NAME, BLOB...) replies the same ids
 * and one BLOB_UNCLAIMED per owner (once each) of blobs no extension
 * enabled on the switch claimed.
 */

#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "port.h"
#include "save.h"
#include "switch.h"

/* Room for the header, the switch and the port ids of a reply. */
static size_t xvs_save_reply_base(void)
{
	return nla_total_size(IFNAMSIZ) + nla_total_size(sizeof(u32)) +
	       nla_total_size(XVS_PORT_NAME_LEN);
}

static void *xvs_save_reply_put(struct sk_buff *msg, struct genl_info *info,
				struct xvs_port *port)
{
	void *hdr;

	hdr = genlmsg_put_reply(msg, info, &xvs_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr)
		return NULL;
	if (nla_put_string(msg, XVS_A_SWITCH_NAME, port->sw->dev->name) ||
	    nla_put_u32(msg, XVS_A_PORT_ID, port->id) ||
	    nla_put_string(msg, XVS_A_PORT_NAME, port->name))
		return NULL;
	return hdr;
}

/**
 * xvs_nl_nic_save() - NIC_SAVE
 * @skb: the request
 * @info: its attributes
 *
 * Return: 0 (the reply sent) or a negative errno (xvs_nic_save()).
 */
int xvs_nl_nic_save(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_save *save;
	struct sk_buff *msg = NULL;
	struct xvs_port *port;
	struct nlattr *nest;
	unsigned int i;
	size_t size;
	void *hdr;
	int err;

	save = kzalloc(sizeof(*save), GFP_KERNEL);
	if (!save)
		return -ENOMEM;
	rtnl_lock();
	port = xvs_nl_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	err = xvs_nic_save(port, save, info->extack);
	if (err)
		goto out;
	size = xvs_save_reply_base();
	for (i = 0; i < save->n; i++)
		size += nla_total_size(nla_total_size(strlen(save->blobs[i].owner) + 1) +
				       nla_total_size(save->blobs[i].len));
	err = -ENOMEM;
	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		goto out;
	err = -EMSGSIZE;
	hdr = xvs_save_reply_put(msg, info, port);
	if (!hdr)
		goto out;
	for (i = 0; i < save->n; i++) {
		nest = nla_nest_start(msg, XVS_A_BLOB);
		if (!nest ||
		    nla_put_string(msg, XVS_BLOB_A_OWNER, save->blobs[i].owner) ||
		    nla_put(msg, XVS_BLOB_A_DATA, save->blobs[i].len,
			    save->blobs[i].data))
			goto out;
		nla_nest_end(msg, nest);
	}
	genlmsg_end(msg, hdr);
	err = 0;
out:
	rtnl_unlock();
	xvs_save_free(save);
	kfree(save);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* The BLOB attributes of the request into @blobs; the count or an errno. */
static int xvs_restore_parse(struct genl_info *info, struct xvs_blob *blobs,
			     size_t *names)
{
	struct nlattr *tb[XVS_BLOB_A_MAX + 1];
	struct nlattr *attr;
	unsigned int n = 0;
	int rem, err;

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != XVS_A_BLOB)
			continue;
		if (n == XVS_SAVE_MAX_BLOBS) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "Too many blobs in one restore");
			return -E2BIG;
		}
		err = nla_parse_nested(tb, XVS_BLOB_A_MAX, attr,
				       xvs_blob_policy, info->extack);
		if (err)
			return err;
		if (!tb[XVS_BLOB_A_OWNER]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "Blob without an owner");
			return -EINVAL;
		}
		if (!tb[XVS_BLOB_A_DATA] || !nla_len(tb[XVS_BLOB_A_DATA])) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "Blob without data");
			return -EINVAL;
		}
		blobs[n].owner = nla_data(tb[XVS_BLOB_A_OWNER]);
		blobs[n].data = nla_data(tb[XVS_BLOB_A_DATA]);
		blobs[n].len = nla_len(tb[XVS_BLOB_A_DATA]);
		*names += nla_total_size(nla_len(tb[XVS_BLOB_A_OWNER]));
		n++;
	}
	return n;
}

/* True if an earlier unclaimed blob than @i has the same owner. */
static bool xvs_restore_dup(const struct xvs_blob *blobs, const bool *unclaimed,
			    unsigned int i)
{
	unsigned int j;

	for (j = 0; j < i; j++)
		if (unclaimed[j] && !strcmp(blobs[j].owner, blobs[i].owner))
			return true;
	return false;
}

/**
 * xvs_nl_nic_restore() - NIC_RESTORE
 * @skb: the request
 * @info: its attributes
 *
 * Return: 0 (the reply sent) or a negative errno (xvs_nic_restore()):
 * nothing was restored.
 */
int xvs_nl_nic_restore(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct xvs_blob *blobs;
	struct xvs_port *port;
	size_t names = 0;
	bool *unclaimed;
	unsigned int i;
	int n, err;
	void *hdr;

	blobs = kcalloc(XVS_SAVE_MAX_BLOBS, sizeof(*blobs), GFP_KERNEL);
	unclaimed = kcalloc(XVS_SAVE_MAX_BLOBS, sizeof(*unclaimed), GFP_KERNEL);
	if (!blobs || !unclaimed) {
		err = -ENOMEM;
		goto free;
	}
	n = xvs_restore_parse(info, blobs, &names);
	if (n < 0) {
		err = n;
		goto free;
	}
	msg = genlmsg_new(xvs_save_reply_base() + names, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto free;
	}

	rtnl_lock();
	port = xvs_nl_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto unlock;
	}
	err = xvs_nic_restore(port, blobs, n, unclaimed, info->extack);
	if (err)
		goto unlock;
	/* Restored: the reply had its room made before. */
	err = -EMSGSIZE;
	hdr = xvs_save_reply_put(msg, info, port);
	if (!hdr)
		goto unlock;
	for (i = 0; i < n; i++)
		if (unclaimed[i] && !xvs_restore_dup(blobs, unclaimed, i) &&
		    nla_put_string(msg, XVS_A_BLOB_UNCLAIMED, blobs[i].owner))
			goto unlock;
	genlmsg_end(msg, hdr);
	err = 0;
unlock:
	rtnl_unlock();
free:
	kfree(unclaimed);
	kfree(blobs);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Save and restore of the state extensions keep for a NIC: the core's
 * side of the save, restore_prepare, restore_commit and restore_abort ops
 * (include/xvs/extension.h).
 *
 * Save: round 0 calls the save op of every enabled extension that has one,
 * in stack order; those that return XVS_SAVE_MORE are called again in
 * round 1, and so on, at most XVS_SAVE_MAX_ROUNDS rounds. Each call gets a
 * buffer of XVS_SAVE_FIRST_SIZE bytes first; an extension that needs more
 * returns -ENOSPC with the size and is called again (same round) with a
 * buffer that large, up to XVS_BLOB_DATA_MAX. Every non-empty part is a
 * blob, in the order given.
 *
 * Restore is all or nothing: every blob whose owner is enabled on the
 * switch and has restore_prepare is staged (the parts of one owner in
 * order, with one staged pointer per owner); the others are unclaimed and
 * reported. If a prepare fails, every extension whose prepare was called
 * (the failing one included) gets restore_abort and nothing changed;
 * otherwise each gets restore_commit, which cannot fail.
 *
 * Locking: RTNL for all of it; the instances are looked up under it and
 * not kept after.
 */
#include <linux/mm.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "ext.h"
#include "port.h"
#include "save.h"
#include "switch.h"

/* Prefix the extension's reason in @extack with @what and its name. */
static void xvs_save_msg(struct netlink_ext_ack *extack, const char *what,
			 const struct xvs_extension *ext)
{
#if XVS_HAVE_ERR_MSG_FMT
	char reason[NETLINK_MAX_FMTMSG_LEN];

	if (!extack)
		return;
	strscpy(reason, extack->_msg ?: "no reason given", sizeof(reason));
	NL_SET_ERR_MSG_FMT(extack, "%s failed: %s: %s", what, ext->name,
			   reason);
#else
	if (extack && !extack->_msg)
		NL_SET_ERR_MSG(extack, "an extension failed");
#endif
}

static const struct xvs_ext_chain *xvs_save_chain(struct xvs_port *port)
{
	return rtnl_dereference(port->sw->ext_chain);
}

/* One part of @inst's state: a save call, again with a larger buffer. */
static int xvs_save_part(struct xvs_ext_instance *inst, struct xvs_port *port,
			 unsigned int round, struct xvs_blob *blob,
			 struct netlink_ext_ack *extack)
{
	const struct xvs_extension *ext = inst->ext;
	size_t size = XVS_SAVE_FIRST_SIZE, len;
	unsigned int tries;
	void *buf;
	int ret;

	for (tries = 0; ; tries++) {
		buf = kvzalloc(size, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		len = 0;
		ret = ext->ops->save(inst, port, round, buf, size, &len, extack);
		if (ret != -ENOSPC)
			break;
		kvfree(buf);
		if (len > XVS_BLOB_DATA_MAX) {
			XVS_ERR_MSG_FMT(extack,
					"an extension needs too large a save buffer",
					"extension %s needs %zu bytes to save, more than %u",
					ext->name, len, XVS_BLOB_DATA_MAX);
			return -EMSGSIZE;
		}
		if (len <= size || tries >= 3) {
			XVS_ERR_MSG_FMT(extack,
					"an extension keeps asking for a larger save buffer",
					"extension %s keeps asking for a larger save buffer",
					ext->name);
			return -EPROTO;
		}
		size = len;
	}
	if (ret < 0) {
		kvfree(buf);
		xvs_save_msg(extack, "save", ext);
		return ret;
	}
	if ((ret != 0 && ret != XVS_SAVE_MORE) || len > size) {
		kvfree(buf);
		XVS_ERR_MSG_FMT(extack, "an extension broke the save rules",
				"extension %s: bad save return %d (%zu of %zu bytes)",
				ext->name, ret, len, size);
		return -EPROTO;
	}
	if (!len) {
		kvfree(buf);
		buf = NULL;
	}
	blob->owner = ext->name;
	blob->data = buf;
	blob->len = len;
	return ret;
}

/**
 * xvs_save_free() - free the parts of a save
 * @save: the save (not itself)
 */
void xvs_save_free(struct xvs_save *save)
{
	while (save->n)
		kvfree(save->blobs[--save->n].data);
}

/**
 * xvs_nic_save() - collect the state the extensions keep for a port's NIC
 * @port: the port; it must have a NIC
 * @save: zeroed; gets the parts (free them with xvs_save_free())
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0 or a negative errno: -ENODEV the port has no NIC, -ELOOP an
 * extension still had more after %XVS_SAVE_MAX_ROUNDS rounds, -EMSGSIZE a
 * part is larger than %XVS_BLOB_DATA_MAX, -EPROTO an extension broke the
 * save op's rules, -ENOMEM, or an extension's errno.
 */
int xvs_nic_save(struct xvs_port *port, struct xvs_save *save,
		 struct netlink_ext_ack *extack)
{
	const struct xvs_ext_chain *chain = xvs_save_chain(port);
	bool pending[XVS_EXT_MAX_ENABLED] = {};
	unsigned int i, round, left = 0;
	struct xvs_blob blob;
	int ret;

	ASSERT_RTNL();
	switch (port->state) {
	case XVS_STATE_NIC_CREATED:
	case XVS_STATE_NIC_CONNECTED:
	case XVS_STATE_NIC_DISCONNECTED:
		break;
	default:
		NL_SET_ERR_MSG(extack, "Port has no NIC to save");
		return -ENODEV;
	}
	for (i = 0; chain && i < chain->n; i++)
		if (chain->all[i]->ext->ops->save) {
			pending[i] = true;
			left++;
		}
	for (round = 0; left; round++) {
		if (round == XVS_SAVE_MAX_ROUNDS) {
			for (i = 0; !pending[i]; i++)
				;
			XVS_ERR_MSG_FMT(extack,
					"an extension did not finish saving",
					"extension %s did not finish saving in %u rounds",
					chain->all[i]->ext->name,
					XVS_SAVE_MAX_ROUNDS);
			ret = -ELOOP;
			goto err;
		}
		for (i = 0; i < chain->n; i++) {
			if (!pending[i])
				continue;
			ret = xvs_save_part(chain->all[i], port, round, &blob,
					    extack);
			if (ret < 0)
				goto err;
			if (blob.len)
				save->blobs[save->n++] = blob;
			if (ret != XVS_SAVE_MORE) {
				pending[i] = false;
				left--;
			}
		}
	}
	return 0;
err:
	xvs_save_free(save);
	return ret;
}

/* The slot of @owner's instance in @chain if it claims blobs, else -1. */
static int xvs_restore_claimer(const struct xvs_ext_chain *chain,
			       const char *owner)
{
	unsigned int i;

	for (i = 0; chain && i < chain->n; i++)
		if (!strcmp(chain->all[i]->ext->name, owner))
			return chain->all[i]->ext->ops->restore_prepare ? i : -1;
	return -1;
}

/**
 * xvs_nic_restore() - hand saved parts back to their owners on a port
 * @port: the port; it must have a NIC, created or connected
 * @blobs: the parts, in save order
 * @n: parts in @blobs
 * @unclaimed: @n flags, set for each blob no enabled extension claimed
 * @extack: where to say why it failed
 *
 * All or nothing: see the file comment. Unclaimed blobs do not fail it.
 *
 * Context: RTNL.
 * Return: 0 or a negative errno: -ENODEV the port has no NIC, -ENOTCONN
 * its NIC is disconnected, or an extension's restore_prepare errno
 * (nothing applied).
 */
int xvs_nic_restore(struct xvs_port *port, const struct xvs_blob *blobs,
		    unsigned int n, bool *unclaimed,
		    struct netlink_ext_ack *extack)
{
	const struct xvs_ext_chain *chain = xvs_save_chain(port);
	void *staged[XVS_EXT_MAX_ENABLED] = {};
	bool called[XVS_EXT_MAX_ENABLED] = {};
	struct xvs_ext_instance *inst;
	unsigned int i;
	int slot, err;

	ASSERT_RTNL();
	if (port->state == XVS_STATE_NIC_DISCONNECTED) {
		NL_SET_ERR_MSG(extack,
			       "Port's NIC is disconnected: no restore to it");
		return -ENOTCONN;
	}
	if (port->state != XVS_STATE_NIC_CREATED &&
	    port->state != XVS_STATE_NIC_CONNECTED) {
		NL_SET_ERR_MSG(extack, "Port has no NIC to restore to");
		return -ENODEV;
	}
	for (i = 0; i < n; i++) {
		slot = xvs_restore_claimer(chain, blobs[i].owner);
		unclaimed[i] = slot < 0;
		if (slot < 0)
			continue;
		inst = chain->all[slot];
		called[slot] = true;
		err = inst->ext->ops->restore_prepare(inst, port, blobs[i].data,
						      blobs[i].len,
						      &staged[slot], extack);
		if (err) {
			xvs_save_msg(extack, "restore", inst->ext);
			goto abort;
		}
	}
	for (i = 0; chain && i < chain->n; i++) {
		inst = chain->all[i];
		if (called[i] && inst->ext->ops->restore_commit)
			inst->ext->ops->restore_commit(inst, port, staged[i]);
	}
	return 0;
abort:
	for (i = 0; i < chain->n; i++) {
		inst = chain->all[i];
		if (called[i] && inst->ext->ops->restore_abort)
			inst->ext->ops->restore_abort(inst, staged[i]);
	}
	return err;
}

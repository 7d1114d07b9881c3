/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Save and restore of the state extensions keep for a NIC (issue 9,
 * NIC_SAVE and NIC_RESTORE). The core collects and hands back opaque
 * blobs; netlink_save.c carries them.
 */
#ifndef _XVS_SAVE_H
#define _XVS_SAVE_H

#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/xvs.h>

struct xvs_port;

/* Most rounds of save calls before a save is given up (-ELOOP). */
#define XVS_SAVE_MAX_ROUNDS	16
/* The buffer the first call of an extension's save gets. */
#define XVS_SAVE_FIRST_SIZE	256
/* Most blobs one NIC_SAVE gives or one NIC_RESTORE takes. */
#define XVS_SAVE_MAX_BLOBS	(XVS_EXT_MAX_ENABLED * XVS_SAVE_MAX_ROUNDS)

/**
 * struct xvs_blob - one part of the state an extension saved
 * @owner: the extension's name (save: valid under RTNL; restore: the
 *	request's attribute)
 * @data: the part
 * @len: bytes in @data (never 0 in a save)
 */
struct xvs_blob {
	const char *owner;
	void *data;
	size_t len;
};

/**
 * struct xvs_save - the parts of one save, in the order they were given
 * @n: parts in @blobs
 * @blobs: the parts; @blobs[i].data is the core's (kvfree)
 */
struct xvs_save {
	unsigned int n;
	struct xvs_blob blobs[XVS_SAVE_MAX_BLOBS];
};

int xvs_nic_save(struct xvs_port *port, struct xvs_save *save,
		 struct netlink_ext_ack *extack);
void xvs_save_free(struct xvs_save *save);
int xvs_nic_restore(struct xvs_port *port, const struct xvs_blob *blobs,
		    unsigned int n, bool *unclaimed,
		    struct netlink_ext_ack *extack);

#endif /* _XVS_SAVE_H */

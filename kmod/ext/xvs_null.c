// SPDX-License-Identifier: GPL-2.0
/*
 * xvs_null: a filter extension that does nothing. Its ingress and egress
 * hooks pass every frame: enabled, it measures what the extension chain
 * costs (make bench). With count=N it registers N such extensions, xvs_null,
 * xvs_null1, ..., xvs_null<N-1>, so that several can be enabled on one
 * switch (an extension is enabled at most once per switch).
 *
 * Its hooks do nothing at all, not even count: what the chain costs is
 * the core's (which counts each instance's frames: xvsctl ext show). Its
 * status of a switch says how many custom property changes of other
 * extensions passed it by (property_seen): "properties-seen".
 *
 * Test knobs for NIC save and restore (writable at run time in
 * /sys/module/xvs_null/parameters): save_bytes=N makes every NIC save give
 * parts of N bytes (a pattern: byte i of round r is (i + r) & 0xff), which
 * the core must retry with a larger buffer when N is over its first one;
 * save_rounds=R gives R such parts over R rounds (XVS_SAVE_MORE until the
 * last); restore_fail=1 makes restore_prepare refuse every part. Parts of
 * a restore are checked against the pattern; restored counts the parts
 * committed (read-only).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <xvs/extension.h>

/**
 * struct xvs_null - the private area of an instance
 * @props_seen: property changes of other extensions seen (RTNL)
 */
struct xvs_null {
	u64 props_seen;
};

static unsigned int count = 1;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "how many no-op extensions to register (1-8, default 1)");

static unsigned int save_bytes;
module_param(save_bytes, uint, 0644);
MODULE_PARM_DESC(save_bytes, "bytes of each saved part (0: nothing saved, default)");

static unsigned int save_rounds = 1;
module_param(save_rounds, uint, 0644);
MODULE_PARM_DESC(save_rounds, "parts a save gives, one per round (default 1)");

static bool restore_fail;
module_param(restore_fail, bool, 0644);
MODULE_PARM_DESC(restore_fail, "restore_prepare refuses every part (test)");

static unsigned int restored;
module_param(restored, uint, 0444);
MODULE_PARM_DESC(restored, "parts restored (committed) so far");

static const char *const xvs_null_names[XVS_EXT_MAX_ENABLED] = {
	"xvs_null", "xvs_null1", "xvs_null2", "xvs_null3",
	"xvs_null4", "xvs_null5", "xvs_null6", "xvs_null7",
};

static enum xvs_ext_verdict xvs_null_ingress(struct xvs_ext_instance *inst,
					     struct sk_buff *skb,
					     struct xvs_fwd_ctx *ctx)
{
	return XVS_EXT_PASS;
}

static enum xvs_ext_verdict xvs_null_egress(struct xvs_ext_instance *inst,
					    struct sk_buff *skb,
					    struct xvs_fwd_ctx *ctx,
					    struct xvs_fwd_dest *dest)
{
	return XVS_EXT_PASS;
}

static int xvs_null_save(struct xvs_ext_instance *inst, struct xvs_port *port,
			 unsigned int round, void *buf, size_t size,
			 size_t *len, struct netlink_ext_ack *extack)
{
	unsigned int bytes = READ_ONCE(save_bytes);
	u8 *p = buf;
	unsigned int i;

	if (bytes > size) {
		*len = bytes;
		return -ENOSPC;
	}
	for (i = 0; i < bytes; i++)
		p[i] = i + round;
	*len = bytes;
	return round + 1 < READ_ONCE(save_rounds) ? XVS_SAVE_MORE : 0;
}

/* @staged counts the parts staged: no allocation to free. */
static int xvs_null_restore_prepare(struct xvs_ext_instance *inst,
				    struct xvs_port *port, const void *data,
				    size_t len, void **staged,
				    struct netlink_ext_ack *extack)
{
	uintptr_t round = (uintptr_t)*staged;
	const u8 *p = data;
	size_t i;

	if (READ_ONCE(restore_fail)) {
		NL_SET_ERR_MSG(extack, "xvs_null: restore refused (restore_fail=1)");
		return -EPERM;
	}
	for (i = 0; i < len; i++)
		if (p[i] != (u8)(i + round)) {
			NL_SET_ERR_MSG(extack, "xvs_null: part does not have the saved pattern");
			return -EINVAL;
		}
	*staged = (void *)(round + 1);
	return 0;
}

static void xvs_null_restore_commit(struct xvs_ext_instance *inst,
				    struct xvs_port *port, void *staged)
{
	WRITE_ONCE(restored, restored + (uintptr_t)staged);
}

static void xvs_null_property_seen(struct xvs_ext_instance *inst,
				   struct xvs_port *port,
				   const struct xvs_prop_seen *seen)
{
	struct xvs_null *null = xvs_ext_priv(inst);

	null->props_seen++;
}

static int xvs_null_status(struct xvs_ext_instance *inst,
			   struct xvs_port *port, struct xvs_ext_status *st)
{
	struct xvs_null *null = xvs_ext_priv(inst);

	if (port)
		return 0;
	return xvs_status_u64(st, "properties-seen", null->props_seen);
}

static const struct xvs_ext_ops xvs_null_ops = {
	.ingress = xvs_null_ingress,
	.egress = xvs_null_egress,
	.property_seen = xvs_null_property_seen,
	.status = xvs_null_status,
	.save = xvs_null_save,
	.restore_prepare = xvs_null_restore_prepare,
	.restore_commit = xvs_null_restore_commit,
};

static struct xvs_extension xvs_null_ext[XVS_EXT_MAX_ENABLED];

static int __init xvs_null_init(void)
{
	unsigned int i;
	int err;

	if (count < 1 || count > ARRAY_SIZE(xvs_null_ext)) {
		pr_err("xvs_null: count must be 1 to %zu\n",
		       ARRAY_SIZE(xvs_null_ext));
		return -EINVAL;
	}
	for (i = 0; i < count; i++) {
		xvs_null_ext[i] = (struct xvs_extension) {
			.name = xvs_null_names[i],
			.type = XVS_EXT_FILTER,
			.owner = THIS_MODULE,
			.ops = &xvs_null_ops,
			.priv_size = sizeof(struct xvs_null),
		};
		err = xvs_extension_register(&xvs_null_ext[i]);
		if (err) {
			while (i--)
				xvs_extension_unregister(&xvs_null_ext[i]);
			return err;
		}
	}
	return 0;
}

static void __exit xvs_null_exit(void)
{
	unsigned int i = count;

	while (i--)
		xvs_extension_unregister(&xvs_null_ext[i]);
}

module_init(xvs_null_init);
module_exit(xvs_null_exit);

MODULE_DESCRIPTION("xvs sample extension: a no-op filter");
MODULE_AUTHOR("The xvs developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(XVS);

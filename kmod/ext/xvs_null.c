// SPDX-License-Identifier: GPL-2.0
/*
 * xvs_null: a filter extension that does nothing. Its ingress and egress
 * hooks pass every frame: enabled, it measures what the extension chain
 * costs (make bench). With count=N it registers N such extensions, xvs_null,
 * xvs_null1, ..., xvs_null<N-1>, so that several can be enabled on one
 * switch (an extension is enabled at most once per switch).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <xvs/extension.h>

static unsigned int count = 1;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "how many no-op extensions to register (1-8, default 1)");

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

static const struct xvs_ext_ops xvs_null_ops = {
	.ingress = xvs_null_ingress,
	.egress = xvs_null_egress,
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

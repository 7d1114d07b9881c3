// SPDX-License-Identifier: GPL-2.0
/*
 * xvs_null: a filter extension that does nothing. Its ingress and egress
 * hooks pass every frame: enabled, it measures what the extension chain
 * costs (make bench). With count=N it registers N such extensions, xvs_null,
 * xvs_null1, ..., xvs_null<N-1>, so that several can be enabled on one
 * switch (an extension is enabled at most once per switch).
 *
 * It counts what passes it by, per switch: frames on ingress and egress
 * (per-CPU counters) and the custom property changes of other extensions
 * it sees (property_seen); its status says them: "ingress", "egress" and
 * "properties-seen" of the switch.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <xvs/extension.h>

/**
 * struct xvs_null_pcpu - one CPU's frame counters
 * @ingress: frames seen entering the switch
 * @egress: frames seen on the way to a destination (once per destination)
 */
struct xvs_null_pcpu {
	unsigned long ingress;
	unsigned long egress;
};

/**
 * struct xvs_null - the private area of an instance
 * @frames: the per-CPU frame counters
 * @props_seen: property changes of other extensions seen (RTNL)
 */
struct xvs_null {
	struct xvs_null_pcpu __percpu *frames;
	u64 props_seen;
};

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
	struct xvs_null *null = xvs_ext_priv(inst);

	this_cpu_inc(null->frames->ingress);
	return XVS_EXT_PASS;
}

static enum xvs_ext_verdict xvs_null_egress(struct xvs_ext_instance *inst,
					    struct sk_buff *skb,
					    struct xvs_fwd_ctx *ctx,
					    struct xvs_fwd_dest *dest)
{
	struct xvs_null *null = xvs_ext_priv(inst);

	this_cpu_inc(null->frames->egress);
	return XVS_EXT_PASS;
}

static int xvs_null_attach(struct xvs_ext_instance *inst,
			   struct netlink_ext_ack *extack)
{
	struct xvs_null *null = xvs_ext_priv(inst);

	null->frames = alloc_percpu(struct xvs_null_pcpu);
	if (!null->frames) {
		NL_SET_ERR_MSG(extack, "no memory for the counters");
		return -ENOMEM;
	}
	return 0;
}

static void xvs_null_detach(struct xvs_ext_instance *inst)
{
	struct xvs_null *null = xvs_ext_priv(inst);

	free_percpu(null->frames);
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
	u64 ingress = 0, egress = 0;
	int cpu, err;

	if (port)
		return 0;
	for_each_possible_cpu(cpu) {
		const struct xvs_null_pcpu *c = per_cpu_ptr(null->frames, cpu);

		ingress += READ_ONCE(c->ingress);
		egress += READ_ONCE(c->egress);
	}
	err = xvs_status_u64(st, "ingress", ingress);
	if (!err)
		err = xvs_status_u64(st, "egress", egress);
	if (!err)
		err = xvs_status_u64(st, "properties-seen", null->props_seen);
	return err;
}

static const struct xvs_ext_ops xvs_null_ops = {
	.attach = xvs_null_attach,
	.detach = xvs_null_detach,
	.ingress = xvs_null_ingress,
	.egress = xvs_null_egress,
	.property_seen = xvs_null_property_seen,
	.status = xvs_null_status,
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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xvs tracepoints: perf trace -e xvs:xvs_ext_drop, or
 * /sys/kernel/tracing/events/xvs/.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM xvs

#if !defined(_XVS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _XVS_TRACE_H

#include <linux/if.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/xvs.h>

#define XVS_TRACE_REASON_LEN	64

/*
 * xvs_ext_drop - an extension dropped a frame (on ingress) or excluded a
 * destination (on egress)
 */
TRACE_EVENT(xvs_ext_drop,
	    TP_PROTO(const char *sw, const char *ext, u32 port_id, bool egress,
		     const char *reason, const void *skbaddr),
	    TP_ARGS(sw, ext, port_id, egress, reason, skbaddr),
	    TP_STRUCT__entry(__array(char, sw, IFNAMSIZ)
			     __array(char, ext, XVS_EXT_NAME_LEN)
			     __field(u32, port_id)
			     __field(bool, egress)
			     __array(char, reason, XVS_TRACE_REASON_LEN)
			     __field(const void *, skbaddr)),
	    TP_fast_assign(strscpy(__entry->sw, sw, IFNAMSIZ);
			   strscpy(__entry->ext, ext, XVS_EXT_NAME_LEN);
			   __entry->port_id = port_id;
			   __entry->egress = egress;
			   strscpy(__entry->reason, reason ?: "",
				   XVS_TRACE_REASON_LEN);
			   __entry->skbaddr = skbaddr;),
	    TP_printk("switch=%s ext=%s %s port=%u reason=\"%s\" skbaddr=%p",
		      __entry->sw, __entry->ext,
		      __entry->egress ? "excluded destination" : "dropped from",
		      __entry->port_id, __entry->reason, __entry->skbaddr)
);

#endif /* _XVS_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>

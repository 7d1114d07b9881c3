// SPDX-License-Identifier: GPL-2.0
/*
 * xvsctl - control the xvs extensible virtual switch over generic netlink.
 *
 * main.c: global options, the OBJECT word, help and version.
 */
#define _GNU_SOURCE	/* setns */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

#include "cmds.h"
#include "xvsctl.h"

struct opts opts;

static void usage(FILE *f)
{
	fputs("Usage: xvsctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
	      "       xvsctl [OPTIONS] OBJECT help\n"
	      "OBJECT := switch | port | nic | fdb | acl | ext | monitor | version\n"
	      "\n"
	      "  xvsctl switch add NAME [type private|internal|external] [uplink DEV]\n"
	      "  xvsctl switch set NAME [type private|internal|external] [uplink DEV]\n"
	      "                         [ageing SECONDS] [learn-limit N]\n"
	      "  xvsctl switch del NAME\n"
	      "  xvsctl [-s] switch show [NAME]\n"
	      "  xvsctl port add SW NAME [type vm|container|internal|external] [id N]\n"
	      "                  [friendly-name TEXT] [validate]\n"
	      "  xvsctl port set SW PORT friendly-name TEXT\n"
	      "  xvsctl port del SW PORT\n"
	      "  xvsctl [-s] port show SW [PORT]\n"
	      "  xvsctl nic add SW PORT dev IFNAME [index N]\n"
	      "  xvsctl nic connect|disconnect|del SW PORT [index N]\n"
	      "  xvsctl nic show SW [PORT]\n"
	      "  xvsctl fdb add SW MAC port PORT [vlan N]\n"
	      "  xvsctl fdb del SW MAC [vlan N]\n"
	      "  xvsctl fdb flush SW [port PORT] [static]\n"
	      "  xvsctl fdb show SW\n"
	      "  xvsctl acl add|del SW PORT dir in|out|both action allow|deny|meter\n"
	      "                  [local|remote] [mac MAC | ip PREFIX]\n"
	      "  xvsctl acl del SW PORT all\n"
	      "  xvsctl acl show SW PORT\n"
	      "  xvsctl [-s] ext list [switch SW]\n"
	      "  xvsctl ext enable|disable NAME switch SW\n"
	      "  xvsctl ext order SW NAME...\n"
	      "  xvsctl port property add SW PORT ext NAME id N [instance N]\n"
	      "                  [version MAJOR.MINOR] [data HEX | string TEXT] [required]\n"
	      "  xvsctl port property set SW PORT ext NAME id N [instance N]\n"
	      "                  version MAJOR.MINOR [data HEX | string TEXT]\n"
	      "  xvsctl port property del SW PORT ext NAME id N [instance N]\n"
	      "                  version MAJOR.MINOR\n"
	      "  xvsctl port property show SW PORT [ext NAME] [id N] [instance N]\n"
	      "  xvsctl switch property add|set|del|show SW ... (as port property,\n"
	      "                  without PORT and required)\n"
	      "  xvsctl port status SW PORT [ext NAME]\n"
	      "  xvsctl switch status SW [ext NAME]\n"
	      "  xvsctl monitor [count N]\n"
	      "  xvsctl version\n"
	      "  xvsctl --serve REQ REP (runs the commands a script sends: xvsctl(8))\n"
	      "\n"
	      "SW is a switch name; PORT a port id (digits only) or a port name;\n"
	      "MAC six hex bytes (52:54:00:12:34:56); PREFIX an IPv4 or IPv6 prefix\n"
	      "(10.0.0.0/8, 2001:db8::/32; an address alone is the full length).\n"
	      "Objects and commands may be abbreviated to a unique prefix.\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json     JSON output\n"
	      "  -p, --pretty   indent JSON output (with -j)\n"
	      "  -s, --stats    show traffic counters (switch show, port show, ext\n"
	      "                 list; also accepted after show and list)\n"
	      "  -n, --netns NETNS\n"
	      "                 run the command in network namespace NETNS (a name\n"
	      "                 of ip netns: /run/netns/NETNS)\n"
	      "  -h, --help     print this help and exit\n"
	      "  -V, --version  print the version of xvsctl and exit\n"
	      "\n"
	      "Exit status: 0 success, 1 the kernel refused the request or another\n"
	      "runtime error (module not loaded, ...), 2 usage error.\n"
	      "See xvsctl(8).\n",
	      f);
}

enum {
	OBJ_SWITCH, OBJ_PORT, OBJ_NIC, OBJ_FDB, OBJ_ACL, OBJ_EXT, OBJ_MONITOR,
	OBJ_VERSION,
	OBJ_HELP
};

static const struct word objects[] = {
	{ "switch", OBJ_SWITCH },
	{ "port", OBJ_PORT },
	{ "nic", OBJ_NIC },
	{ "fdb", OBJ_FDB },
	{ "acl", OBJ_ACL },
	{ "ext", OBJ_EXT },
	{ "extension", OBJ_EXT },
	{ "monitor", OBJ_MONITOR },
	{ "version", OBJ_VERSION },
	{ "help", OBJ_HELP },
	{ NULL, 0 },
};

/* The version the module declares (MODULE_VERSION), if loaded. */
static bool module_version(char *buf, size_t size)
{
	FILE *f = fopen("/sys/module/xvs/version", "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

int do_version(int argc, char **argv)
{
	struct genl_family *fam = NULL;
	struct nl_cache *cache = NULL;
	struct nl_sock *sk;
	char modver[64];
	bool has_modver;

	(void)argv;
	if (argc > 0 && is_help(argv[0])) {
		fputs("Usage: xvsctl version\n", stdout);
		return EXIT_OK;
	}
	if (argc > 0)
		usage_error(NULL, "unexpected argument \"%s\"", argv[0]);

	sk = nl_socket_alloc();
	if (sk && genl_connect(sk) == 0 && genl_ctrl_alloc_cache(sk, &cache) == 0)
		fam = genl_ctrl_search_by_name(cache, XVS_GENL_NAME);
	has_modver = module_version(modver, sizeof(modver));

	if (opts.json) {
		struct out o;

		out_begin(&o, stdout, true, opts.pretty, false);
		out_obj_begin(&o);
		json_kv_string(&o.j, "xvsctl", XVSCTL_VERSION);
		json_kv_u64(&o.j, "api_version", XVS_GENL_VERSION);
		if (has_modver)
			json_kv_string(&o.j, "module", modver);
		else
			json_kv_null(&o.j, "module");
		json_key(&o.j, "family");
		if (fam) {
			json_obj_open(&o.j);
			json_kv_string(&o.j, "name", XVS_GENL_NAME);
			json_kv_u64(&o.j, "id", genl_family_get_id(fam));
			json_kv_u64(&o.j, "version", genl_family_get_version(fam));
			json_obj_close(&o.j);
		} else {
			json_null(&o.j);
		}
		out_obj_end(&o);
	} else {
		printf("xvsctl %s (API version %d)\n", XVSCTL_VERSION, XVS_GENL_VERSION);
		if (fam)
			printf("kernel: module %s, generic netlink family \"%s\" id %u version %u\n",
			       has_modver ? modver : "?", XVS_GENL_NAME,
			       genl_family_get_id(fam), genl_family_get_version(fam));
		else
			printf("kernel: the xvs module is not loaded\n");
	}
	if (fam)
		genl_family_put(fam);
	if (cache)
		nl_cache_free(cache);
	if (sk)
		nl_socket_free(sk);
	return EXIT_OK;
}

static const char short_opts[] = "+:jpshVn:";
static const struct option long_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "pretty", no_argument, NULL, 'p' },
	{ "stats", no_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "netns", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

/* -n NETNS: this process goes into network namespace NETNS (ip netns). */
static void enter_netns(const char *name)
{
	char path[64 + NAME_MAX];
	int fd;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		usage_error(NULL, "invalid network namespace name \"%s\"", name);
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "xvsctl: cannot enter network namespace \"%s\": %s\n",
			name, strerror(errno));
		if (fd >= 0)
			close(fd);
		xvsctl_exit(EXIT_RUNTIME);
	}
	close(fd);
	opts.netns = name;
}

int xvsctl_main(int argc, char **argv)
{
	int c, ret;

	opterr = 0;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts.json = true;
			break;
		case 'p':
			opts.pretty = true;
			break;
		case 's':
			opts.stats = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("xvsctl %s\n", XVSCTL_VERSION);
			return EXIT_OK;
		case 'n':
			enter_netns(optarg);
			break;
		case ':':
			usage_error(NULL, "option \"%s\" needs a network namespace name",
				    argv[optind - 1]);
		default:
			if (optopt)
				usage_error(NULL, "unknown option \"-%c\"", optopt);
			usage_error(NULL, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage_error(NULL, "missing OBJECT (switch, port, nic, fdb, acl, ext, monitor, version)");

	switch (match_word(argv[0], objects)) {
	case OBJ_SWITCH:
		ret = do_switch(argc - 1, argv + 1);
		break;
	case OBJ_PORT:
		ret = do_port(argc - 1, argv + 1);
		break;
	case OBJ_NIC:
		ret = do_nic(argc - 1, argv + 1);
		break;
	case OBJ_FDB:
		ret = do_fdb(argc - 1, argv + 1);
		break;
	case OBJ_ACL:
		ret = do_acl(argc - 1, argv + 1);
		break;
	case OBJ_EXT:
		ret = do_ext(argc - 1, argv + 1);
		break;
	case OBJ_MONITOR:
		ret = do_monitor(argc - 1, argv + 1);
		break;
	case OBJ_VERSION:
		ret = do_version(argc - 1, argv + 1);
		break;
	case OBJ_HELP:
		usage(stdout);
		ret = EXIT_OK;
		break;
	case WORD_AMBIGUOUS:
		usage_error(NULL, "ambiguous object \"%s\"", argv[0]);
	default:
		usage_error(NULL, "unknown object \"%s\" (switch, port, nic, fdb, acl, ext, monitor, version)",
			    argv[0]);
	}
	if (fflush(stdout) || ferror(stdout)) {
		/* (in the server, SIGPIPE is pending: the program died of it) */
		if (errno != EPIPE || !serve_in_command())
			perror("xvsctl: writing the output");
		return EXIT_RUNTIME;
	}
	return ret;
}

bool xvsctl_runs_forever(int argc, char **argv)
{
	bool forever;

	/* The options as xvsctl_main reads them, without their effects. */
	opterr = 0;
	optind = 0;
	while (getopt_long(argc, argv, short_opts, long_opts, NULL) != -1)
		;
	forever = optind < argc &&
		  match_word(argv[optind], objects) == OBJ_MONITOR;
	optind = 0;
	return forever;
}

int main(int argc, char **argv)
{
	/* Not an option of the commands: the server runs them (serve.c). */
	if (argc == 4 && !strcmp(argv[1], "--serve"))
		return serve(argv[2], argv[3]);
	return xvsctl_main(argc, argv);
}

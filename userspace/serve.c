// SPDX-License-Identifier: GPL-2.0
/*
 * serve.c - xvsctl --serve REQ REP: run xvsctl commands for a script
 * without starting the program for each one.
 *
 * A script that runs hundreds of commands pays for a program start each
 * time (under emulation, with a debug kernel, ~0.2 s: the selftests). The
 * server is started once and runs each command in its own process: it
 * takes over the requester's stdin, stdout and stderr (pidfd_getfd: the
 * same open files, offsets and all) for the command and gives its own
 * back after it; a command that exits (xvsctl_exit) returns to it. Even a
 * fork costs ~45 ms a command there (the fork, the child's page faults,
 * its exit). Commands keep their semantics: exit codes, output where the
 * caller's would go, a write to a pipe without a reader ends the command
 * as SIGPIPE ends the program, nothing of one command is left for the
 * next (the global options, the network namespace of -n, the sockets of
 * a command that exited). The monitor, which runs until killed, gets a
 * process of its own.
 *
 * REQ and REP are FIFOs the caller made; the server opens them, removes
 * them and writes "ready" and its pid. A request is NUL-terminated words:
 * the caller's pid; the numbers of the caller's files that are to be the
 * command's stdin, stdout and stderr ("-" for /dev/null: not 0, 1 and 2
 * themselves, which a shell redirects while it writes the request and
 * reads the reply); the number of arguments; the arguments. The reply is
 * a line with the exit code (128 + 13 for a command that met SIGPIPE,
 * 128 + N for a monitor killed by signal N; 125 when the command could
 * not be run: no process for a monitor, the caller's files not taken).
 * EOF on REQ ends the server.
 */
#define _GNU_SOURCE	/* setns */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nl.h"
#include "xvsctl.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

#define SERVE_MAX_ARGS 1024
/* The command could not be run (xvsctl itself never exits with it). */
#define EXIT_SERVE_FAILED 125

/* One NUL-terminated word of a request, in *word; false at EOF. */
static bool read_word(FILE *in, char **word, size_t *size)
{
	ssize_t n = getdelim(word, size, '\0', in);

	return n > 0 && (*word)[n - 1] == '\0';
}

/* The number 0..max that s is; -1 when it is not one. */
static long parse_number(const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		return -1;
	return v;
}

/* A number word of a request; -1 when it is not one. */
static long read_number(FILE *in, char **word, size_t *size, long max)
{
	return read_word(in, word, size) ? parse_number(*word, max) : -1;
}

/* A file descriptor word: its number, -1 for "-" (none), -2 if neither. */
static long read_fd(FILE *in, char **word, size_t *size)
{
	long v;

	if (!read_word(in, word, size))
		return -2;
	if (!strcmp(*word, "-"))
		return -1;
	v = parse_number(*word, INT_MAX);
	return v < 0 ? -2 : v;
}

/* SIGPIPE alone: blocked while the server runs, taken after a command. */
static sigset_t sigpipe_set;

/* While a command runs in the server's process: where xvsctl_exit returns. */
static jmp_buf *command_exit;
static int command_exit_code;

void xvsctl_exit(int code)
{
	if (command_exit) {
		command_exit_code = code;
		longjmp(*command_exit, 1);
	}
	exit(code);
}

bool serve_in_command(void)
{
	return command_exit;
}

/*
 * The caller's files numbered fds[0..2] become this process's stdin,
 * stdout and stderr (-1: /dev/null).
 */
static int take_fds(pid_t caller, const long *fds)
{
	int pidfd = (int)syscall(SYS_pidfd_open, caller, 0);

	if (pidfd < 0)
		return -1;
	for (int fd = 0; fd <= 2; fd++) {
		int nfd = fds[fd] < 0 ? open("/dev/null", fd ? O_WRONLY : O_RDONLY) :
			  (int)syscall(SYS_pidfd_getfd, pidfd, (int)fds[fd], 0);

		if (nfd < 0 || dup2(nfd, fd) < 0) {
			close(pidfd);
			return -1;
		}
		close(nfd);
	}
	close(pidfd);
	return 0;
}

/* The server's own stdin, stdout and stderr back (own[]: copies, or -1). */
static void give_back_fds(const int *own)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (own[fd] >= 0)
			dup2(own[fd], fd);
		else
			close(fd);
	}
}

/* What one command set that the next must not see (the options). */
static void fresh_options(void)
{
	opts = (struct opts){ 0 };
	optind = 0;	/* getopt starts again */
}

/* The monitor: in a process of its own, as the program; its exit code. */
static int run_apart(FILE *in, FILE *out, const sigset_t *mask, pid_t caller,
		     const long *fds, int argc, char **argv)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "xvsctl --serve: fork: %s\n", strerror(errno));
		return EXIT_SERVE_FAILED;
	}
	if (pid == 0) {
		fclose(in);
		fclose(out);
		sigprocmask(SIG_SETMASK, mask, NULL);
		fresh_options();
		if (take_fds(caller, fds)) {
			fprintf(stderr, "xvsctl --serve: cannot take over the files of process %d: %s\n",
				(int)caller, strerror(errno));
			_exit(EXIT_SERVE_FAILED);
		}
		exit(xvsctl_main(argc, argv));
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return EXIT_SERVE_FAILED;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * Any other command: in the server's process (SIGPIPE blocked), with the
 * caller's files and fresh options; its exit code.
 */
static int run_here(const int *own, int own_net, pid_t caller, const long *fds,
		    int argc, char **argv)
{
	static const struct timespec now;
	jmp_buf jmp;
	int rc;

	fflush(NULL);
	if (take_fds(caller, fds)) {
		rc = errno;
		give_back_fds(own);
		fprintf(stderr, "xvsctl --serve: cannot take over the files of process %d: %s\n",
			(int)caller, strerror(rc));
		return EXIT_SERVE_FAILED;
	}
	clearerr(stdin);
	clearerr(stdout);
	clearerr(stderr);
	fresh_options();
	if (setjmp(jmp)) {
		rc = command_exit_code;
	} else {
		command_exit = &jmp;
		rc = xvsctl_main(argc, argv);
	}
	command_exit = NULL;
	fflush(stdout);
	fflush(stderr);
	xnl_close_leftovers();
	if (opts.netns && setns(own_net, CLONE_NEWNET)) {
		/* Commands would run in the namespace of another: stop. */
		give_back_fds(own);
		fprintf(stderr, "xvsctl --serve: cannot go back to its network namespace: %s\n",
			strerror(errno));
		exit(EXIT_RUNTIME);
	}
	if (sigtimedwait(&sigpipe_set, NULL, &now) == SIGPIPE)
		rc = 128 + SIGPIPE;
	give_back_fds(own);
	return rc;
}

int serve(const char *req, const char *rep)
{
	char *argv[SERVE_MAX_ARGS + 2] = { "xvsctl" };
	char *word = NULL;
	size_t size = 0;
	FILE *in, *out;
	bool complete;
	long caller, fds[3], n;
	int argc, rc = EXIT_OK, own[3], own_net;
	sigset_t mask;

	in = fopen(req, "re");
	out = in ? fopen(rep, "we") : NULL;
	if (!in || !out) {
		fprintf(stderr, "xvsctl --serve: cannot open %s: %s\n",
			in ? rep : req, strerror(errno));
		if (in)
			fclose(in);
		return EXIT_RUNTIME;
	}
	unlink(req);
	unlink(rep);
	for (int fd = 0; fd <= 2; fd++)
		own[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	/* Where commands with -n NETNS come back to. */
	own_net = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	/* A write to a pipe without a reader: pending, for run_here. */
	sigemptyset(&sigpipe_set);
	sigaddset(&sigpipe_set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &sigpipe_set, &mask);
	fprintf(out, "ready %d\n", (int)getpid());
	fflush(out);
	for (;;) {
		caller = read_number(in, &word, &size, 1L << 30);
		if (caller < 0)
			break;
		for (int i = 0; i < 3; i++)
			fds[i] = read_fd(in, &word, &size);
		n = read_number(in, &word, &size, SERVE_MAX_ARGS);
		if (n < 0 || fds[0] < -1 || fds[1] < -1 || fds[2] < -1) {
			fputs("xvsctl --serve: a request without its files or its number of arguments\n",
			      stderr);
			rc = EXIT_USAGE;
			break;
		}
		for (argc = 1; argc <= n; argc++) {
			if (!read_word(in, &word, &size))
				break;
			argv[argc] = strdup(word);
			if (!argv[argc])
				break;
		}
		argv[argc] = NULL;
		complete = argc == n + 1;
		if (complete && xvsctl_runs_forever(argc, argv))
			fprintf(out, "%d\n", run_apart(in, out, &mask, (pid_t)caller,
						       fds, argc, argv));
		else if (complete)
			fprintf(out, "%d\n", run_here(own, own_net, (pid_t)caller,
						      fds, argc, argv));
		while (--argc > 0)
			free(argv[argc]);
		if (!complete) {
			fputs("xvsctl --serve: a request cut short\n", stderr);
			rc = EXIT_USAGE;
			break;
		}
		if (fflush(out)) {
			rc = EXIT_RUNTIME;
			break;
		}
	}
	free(word);
	fclose(in);
	fclose(out);
	for (int fd = 0; fd <= 2; fd++)
		if (own[fd] >= 0)
			close(own[fd]);
	if (own_net >= 0)
		close(own_net);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	return rc;
}

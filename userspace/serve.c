// SPDX-License-Identifier: GPL-2.0
/*
 * serve.c - xvsctl --serve REQ REP: run xvsctl commands for a script
 * without starting the program for each one.
 *
 * A script that runs hundreds of commands pays for a program start each
 * time (under emulation, with a debug kernel, ~0.2 s: the selftests). The
 * server is started once; for each request it forks a process that takes
 * over the requester's stdin, stdout and stderr (pidfd_getfd: the same
 * open files, offsets and all) and runs the command as the program would;
 * the exit code goes back. Commands keep their semantics: their own
 * process, exit codes, output where the caller's would go.
 *
 * REQ and REP are FIFOs the caller made; the server opens them, removes
 * them and writes "ready" and its pid. A request is NUL-terminated words: the caller's
 * pid; the numbers of the caller's files that are to be the command's
 * stdin, stdout and stderr ("-" for /dev/null: not 0, 1 and 2 themselves,
 * which a shell redirects while it writes the request and reads the
 * reply); the number of arguments; the arguments. The reply is a line with
 * the exit code (128 + N for a command killed by signal N; 125 when the
 * command could not be run: no process, the caller's files not taken).
 * EOF on REQ ends the server.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

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

/*
 * In the command's process: the caller's files numbered fds[0..2] become
 * its stdin, stdout and stderr (-1: /dev/null).
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

/* Run one command in a process of its own; its exit code. */
static int run_command(FILE *in, FILE *out, pid_t caller, const long *fds,
		       int argc, char **argv)
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

int serve(const char *req, const char *rep)
{
	char *argv[SERVE_MAX_ARGS + 2] = { "xvsctl" };
	char *word = NULL;
	size_t size = 0;
	FILE *in, *out;
	bool complete;
	long caller, fds[3], n;
	int argc, rc = EXIT_OK;

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
		if (complete)
			fprintf(out, "%d\n", run_command(in, out, (pid_t)caller,
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
	return rc;
}

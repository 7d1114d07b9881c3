// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the xvs test VM (see selftests/vm/run), a static binary so that
 * booting costs no dynamic exec over 9p. The root file system is the host's,
 * read-only over virtio-9p. Mounts the kernel file systems, the project tree
 * and the results folder writable (at their host paths), runs the command the
 * runner left in RESULTS/cmd with bash, records its exit code in
 * RESULTS/exit-code, has kmemleak scan and writes its report to
 * RESULTS/kmemleak.txt, and reboots (QEMU runs with -no-reboot: it exits).
 *
 * Kernel command line: xvs.top=DIR xvs.results=DIR xvs.kodir=DIR
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void mark(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int fd, n;

	n = snprintf(buf, sizeof(buf), "xvs-vm: ");
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	fd = open("/dev/kmsg", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, buf, strlen(buf)) < 0)
			fprintf(stderr, "%s\n", buf);
		close(fd);
	} else {
		fprintf(stderr, "%s\n", buf);
	}
}

static void mnt(const char *src, const char *dir, const char *type,
		unsigned long flags, const char *opts)
{
	mkdir(dir, 0755);
	/* EBUSY: already mounted (devtmpfs is, by the kernel). */
	if (mount(src, dir, type, flags, opts) && errno != EBUSY)
		mark("mounting %s on %s failed: %s", type, dir, strerror(errno));
}

/* Value of xvs.KEY= on the kernel command line, or "". */
static const char *arg(const char *cmdline, const char *key)
{
	static char vals[4][4096];
	static int next;
	char pat[64], *v = vals[next++ % 4];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "xvs.%s=", key);
	p = strstr(cmdline, pat);
	v[0] = '\0';
	if (!p)
		return v;
	p += strlen(pat);
	n = strcspn(p, " \n");
	if (n >= sizeof(vals[0]))
		n = sizeof(vals[0]) - 1;
	memcpy(v, p, n);
	v[n] = '\0';
	return v;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		return;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out >= 0) {
		while ((n = read(in, buf, sizeof(buf))) > 0)
			if (write(out, buf, n) != n)
				break;
		close(out);
	}
	close(in);
}

/*
 * link_tools: a symlink in BIN to each program of the project's userspace/
 * (xvsctl, xvs-migrate). BIN, in tmpfs, is first on PATH: a command that is
 * not there costs no 9p lookup, where a miss in the project tree would cost
 * one (9p caches no negative dentries), for every command a shell runs.
 */
static void link_tools(const char *top, const char *bin)
{
	char from[4200], to[4200];
	struct dirent *e;
	struct stat st;
	DIR *d;

	snprintf(from, sizeof(from), "%s/userspace", top);
	d = opendir(from);
	if (!d)
		return;
	mkdir(bin, 0755);
	while ((e = readdir(d))) {
		snprintf(from, sizeof(from), "%s/userspace/%s", top, e->d_name);
		if (e->d_name[0] == '.' || stat(from, &st) || !S_ISREG(st.st_mode) ||
		    !(st.st_mode & S_IXUSR))
			continue;
		snprintf(to, sizeof(to), "%s/%s", bin, e->d_name);
		symlink(from, to);
	}
	closedir(d);
}

int main(void)
{
	static const char * const tmpfs_dirs[] = {
		"/dev/shm", "/tmp", "/run", "/var/tmp", "/var/log", "/mnt",
	};
	char cmdline[8192] = "", path[4200], code[16], ninep[128];
	const char *top, *results, *kodir;
	struct timespec t0, t1;
	long waited;
	int fd, status = 255;
	unsigned int i;
	ssize_t n;
	pid_t pid;

	mnt("proc", "/proc", "proc", 0, NULL);
	mnt("sysfs", "/sys", "sysfs", 0, NULL);
	mnt("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mnt("devpts", "/dev/pts", "devpts", 0, NULL);
	/* What udev would add: scripts write to /dev/stdout and friends. */
	symlink("/proc/self/fd", "/dev/fd");
	symlink("/proc/self/fd/0", "/dev/stdin");
	symlink("/proc/self/fd/1", "/dev/stdout");
	symlink("/proc/self/fd/2", "/dev/stderr");
	for (i = 0; i < sizeof(tmpfs_dirs) / sizeof(tmpfs_dirs[0]); i++)
		mnt("tmpfs", tmpfs_dirs[i], "tmpfs", 0, NULL);
	mnt("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	mnt("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL);

	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		n = read(fd, cmdline, sizeof(cmdline) - 1);
		cmdline[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	top = arg(cmdline, "top");
	results = arg(cmdline, "results");
	kodir = arg(cmdline, "kodir");
	snprintf(ninep, sizeof(ninep), "trans=virtio,version=9p2000.L,msize=262144");
	/* Mount points under a tmpfs above have to be made first. */
	mkdir(top, 0755);
	mkdir(results, 0755);
	/*
	 * The project tree with the root's caching (loose: dentries, inodes
	 * and pages stay in the guest), so that xvsctl, the scripts and the
	 * modules are read over 9p once. The host does not change it while
	 * the VM runs; the guest's writes are synced before the reboot. The
	 * results folder (mounted over it when inside it) keeps no cache: its
	 * files are read on the host.
	 */
	snprintf(path, sizeof(path), "%s,cache=loose", ninep);
	mnt("xvsproj", top, "9p", 0, path);
	mnt("xvsres", results, "9p", 0, ninep);
	sethostname("xvs-vm", 6);
	mark("file systems mounted");

	/* Forget what boot leaked (not ours); report what the command leaks. */
	write_file("/sys/kernel/debug/kmemleak", "clear");

	/* The command's output goes to the second serial port. */
	fd = open("/dev/ttyS1", O_RDWR | O_NOCTTY);
	pid = fork();
	if (pid == 0) {
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		link_tools(top, "/run/xvs-bin");
		setenv("PATH", "/run/xvs-bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
		setenv("HOME", "/tmp", 1);
		setenv("TERM", "dumb", 1);
		/*
		 * Every program that calls setlocale() looks for its locale's
		 * files, a dozen 9p lookups that fail under C.UTF-8: the C
		 * locale has none. Python is kept to UTF-8 (PYTHONUTF8), and
		 * from coercing C to C.UTF-8 for the programs it starts.
		 */
		setenv("LANG", "C", 1);
		setenv("PYTHONUTF8", "1", 1);
		setenv("PYTHONCOERCECLOCALE", "0", 1);
		setenv("XVS_TOP", top, 1);
		setenv("XVS_RESULTS", results, 1);
		setenv("XVS_KO_DIR", kodir, 1);
		if (chdir(top))
			return 1;
		snprintf(path, sizeof(path), "%s/cmd", results);
		execl("/bin/bash", "bash", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	snprintf(code, sizeof(code), "%d\n", status);
	snprintf(path, sizeof(path), "%s/exit-code", results);
	write_file(path, code);

	/* kmemleak=off (vm/run --no-kmemleak) leaves its file in place. */
	if (access("/sys/kernel/debug/kmemleak", W_OK) == 0 &&
	    !strstr(cmdline, "kmemleak=off")) {
		/*
		 * kmemleak reports an object that two scans in a row found
		 * unreferenced and unchanged, when it is more than 5 s old at
		 * the start of the second. The first scan runs now; the
		 * second once whatever the command allocated is old enough.
		 */
		mark("kmemleak scan");
		clock_gettime(CLOCK_MONOTONIC, &t0);
		write_file("/sys/kernel/debug/kmemleak", "scan");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		waited = (t1.tv_sec - t0.tv_sec) * 1000 +
			 (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (waited < 5500)
			usleep((5500 - waited) * 1000);
		write_file("/sys/kernel/debug/kmemleak", "scan");
		snprintf(path, sizeof(path), "%s/kmemleak.txt", results);
		copy_file("/sys/kernel/debug/kmemleak", path);
		mark("kmemleak scans done");
	}
	mark("command exited %d", status);
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}

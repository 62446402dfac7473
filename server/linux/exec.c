/* Program images: what execve and the first process load. A program is a
 * static ELF file or a "#!" script (chains of them up to INTERP_DEPTH);
 * loading builds the initial stack as Linux does (argc, argv, envp, auxv
 * and the strings above them) and starts the task anew at
 * LINUX_EMUL_START, which installs the trampoline and jumps to the entry
 * point. */
#include "server.h"

#define ARGS_MAX	(128 * 1024)	/* argv and envp strings together */
#define INTERP_DEPTH	4
#define AUX_ENTRIES	19		/* the AUX() lines of build_stack, AT_NULL included */

/* Pushes n bytes onto the new process's stack. */
static int push_bytes(struct process *p, uint32_t *sp, const void *data, uint32_t n)
{
	*sp -= n;
	return copy_to_user(p, *sp, data, n);
}

static uint32_t count(char *const v[])
{
	uint32_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

static uint32_t cpu_features(void)
{
	uint32_t r[4];

	cpuid(1, r);
	return r[3];
}

/* Linux's initial stack, from the top: the program's path, the argument
 * and environment strings, the platform string, 16 random bytes, then (16-
 * byte aligned at argc) argc, argv[], NULL, envp[], NULL, auxv pairs. */
static int build_stack(struct process *p, const struct elf_image *img, char *const argv[],
		       char *const envp[], uint32_t *esp)
{
	uint32_t argc = count(argv), envc = count(envp), sp = LINUX_STACK_TOP;
	uint32_t hwcap = cpu_features(), random_at, platform_at, execfn_at, total = 0;
	uint32_t *ptrs, nptrs, at = 0, zero = 0;
	char platform[5];
	uint8_t random[16];
	int err = 0;

	for (uint32_t i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	for (uint32_t i = 0; i < envc; i++)
		total += strlen(envp[i]) + 1;
	if (total > ARGS_MAX)
		return -LX_E2BIG;
	cpu_machine(platform);
	nptrs = 1 + argc + 1 + envc + 1 + 2 * AUX_ENTRIES;
	ptrs = heap_alloc(nptrs * 4 > 2048 ? 4000 : nptrs * 4);
	if (!ptrs || nptrs * 4 > 4000) {
		heap_free(ptrs);
		return -LX_E2BIG;
	}
	err |= push_bytes(p, &sp, &zero, 4);
	err |= push_bytes(p, &sp, p->exe, strlen(p->exe) + 1);
	execfn_at = sp;
	/* the strings upwards in order, argv's then envp's, as Linux lays them
	 * out (/proc/<pid>/cmdline reads argv's in one piece) */
	sp -= total;
	p->arg_start = sp;
	ptrs[at++] = argc;
	for (uint32_t i = 0, to = sp; i < argc + envc; i++) {
		const char *s = i < argc ? argv[i] : envp[i - argc];
		uint32_t n = (uint32_t)strlen(s) + 1;

		err |= copy_to_user(p, to, s, n);
		ptrs[i < argc ? 1 + i : 2 + i] = to;
		to += n;
		if (i + 1 == argc)
			p->arg_end = to;
	}
	if (!argc)
		p->arg_end = p->arg_start;
	p->env_end = p->arg_start + total;
	at += argc;
	ptrs[at++] = 0;
	at += envc;
	ptrs[at++] = 0;
	err |= push_bytes(p, &sp, platform, sizeof(platform));
	platform_at = sp;
	random_bytes(random, sizeof(random));
	err |= push_bytes(p, &sp, random, sizeof(random));
	random_at = sp;
#define AUX(type, value) (ptrs[at++] = (type), ptrs[at++] = (value))
	AUX(LX_AT_SYSINFO, LINUX_EMUL_SYSINFO);
	AUX(LX_AT_HWCAP, hwcap);
	AUX(LX_AT_PAGESZ, PAGE_SIZE);
	AUX(LX_AT_CLKTCK, 100);
	AUX(LX_AT_PHDR, img->phdr);
	AUX(LX_AT_PHENT, 32);
	AUX(LX_AT_PHNUM, img->phnum);
	AUX(LX_AT_BASE, 0);
	AUX(LX_AT_FLAGS, 0);
	AUX(LX_AT_ENTRY, img->entry);
	AUX(LX_AT_UID, 0);
	AUX(LX_AT_EUID, 0);
	AUX(LX_AT_GID, 0);
	AUX(LX_AT_EGID, 0);
	AUX(LX_AT_SECURE, 0);
	AUX(LX_AT_RANDOM, random_at);
	AUX(LX_AT_EXECFN, execfn_at);
	AUX(LX_AT_PLATFORM, platform_at);
	AUX(LX_AT_NULL, 0);
#undef AUX
	if (at > nptrs) {		/* AUX_ENTRIES is out of date: a bug of ours */
		log("build_stack: auxiliary vector overflow\n");
		end_run(1 << 8);
	}
	sp = (sp - at * 4) & ~15u;
	err |= copy_to_user(p, sp, ptrs, at * 4);
	heap_free(ptrs);
	*esp = sp;
	return err ? -LX_EFAULT : 0;
}

/* Reads "#!interpreter [arg]" from a script's first line. */
static bool script_interpreter(struct inode *in, char *interp, char *arg)
{
	char line[128];
	int n = ramfs_read(in, 0, line, sizeof(line) - 1);
	char *s, *e;

	if (n < 2 || line[0] != '#' || line[1] != '!')
		return false;
	line[n] = '\0';
	if ((e = strchr(line, '\n')))
		*e = '\0';
	for (s = line + 2; *s == ' ' || *s == '\t'; s++)
		;
	for (e = s; *e && *e != ' ' && *e != '\t'; e++)
		;
	if (e == s)
		return false;
	memcpy(interp, s, (size_t)(e - s));
	interp[e - s] = '\0';
	for (s = e; *s == ' ' || *s == '\t'; s++)
		;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	memcpy(arg, s, (size_t)(e - s));
	arg[e - s] = '\0';
	return true;
}

/* What a chain of "#!" scripts puts before a program's arguments: each
 * level names its interpreter and an optional argument. */
struct interp_chain {
	uint32_t levels;
	char interp[INTERP_DEPTH + 1][128], arg[INTERP_DEPTH + 1][128];
};

/* Finds the program path runs, following "#!" lines into exe (128 bytes)
 * and chain; *file is the program's inode, real its own path (128 bytes). */
static int resolve_program(struct process *p, const char *path, struct inode **file,
			   char *exe, char *real, struct interp_chain *chain)
{
	struct inode *where;
	int err;

	if (strlen(path) >= 128)
		return -LX_ENAMETOOLONG;
	strlcpy(exe, path, 128);
	for (chain->levels = 0;; chain->levels++) {
		uint32_t l = chain->levels;

		if ((err = path_lookup_in(p, NULL, exe, true, file, &where)))
			return err;
		if (!LX_S_ISREG((*file)->mode) || !((*file)->mode & 0111))
			return -LX_EACCES;
		if (!script_interpreter(*file, chain->interp[l], chain->arg[l]))
			return path_of(where, *file, real, 128) < 0 ? -LX_ENAMETOOLONG : 0;
		if (l == INTERP_DEPTH)
			return -LX_ELOOP;
		strlcpy(exe, chain->interp[l], 128);
	}
}

/* The arguments the interpreters see: the last interpreter found and its
 * argument first, down to the first, then path, then argv[1] on; a
 * heap array of pointers into chain, path and argv. */
static char **interp_argv(const struct interp_chain *chain, const char *path,
			  char *const argv[])
{
	uint32_t n = count(argv), k = 0;
	char **v = heap_alloc((2 * chain->levels + n + 1) * sizeof(char *));

	if (!v)
		return NULL;
	for (uint32_t l = chain->levels; l-- > 0;) {
		v[k++] = (char *)chain->interp[l];
		if (chain->arg[l][0])
			v[k++] = (char *)chain->arg[l];
	}
	v[k++] = (char *)path;
	for (uint32_t i = 1; i < n; i++)
		v[k++] = argv[i];
	v[k] = NULL;
	return v;
}

static void set_comm(struct process *p)
{
	const char *base = p->exe + strlen(p->exe);

	while (base > p->exe && base[-1] != '/')
		base--;
	strlcpy(p->comm, base, sizeof(p->comm));
}

/* Loads path into p with a fresh address space and starts its task anew
 * (exec: the old task, the caller, is deleted). On an error p is as it
 * was. */
int process_load(struct process *p, const char *path, char *const argv[],
			  char *const envp[])
{
	struct mm old = *p->mm;
	char old_exe[sizeof(p->exe)], real[sizeof(p->exe_real)];
	struct elf_image img;
	struct inode *file;
	struct interp_chain chain;
	char **args = (char **)argv;
	uint32_t esp;
	l4_threadid_t id;
	int err;

	memcpy(old_exe, p->exe, sizeof(old_exe));
	if ((err = resolve_program(p, path, &file, p->exe, real, &chain)))
		goto undo_exe;
	if (chain.levels && !(args = interp_argv(&chain, path, argv))) {
		err = -LX_ENOMEM;
		goto undo_exe;
	}
	mm_init(p->mm);
	if ((err = elf_load(p, file, &img)))
		goto undo;
	p->mm->brk_start = p->mm->brk = img.brk;
	if ((err = vma_add(p->mm, LINUX_STACK_TOP - (8u << 20), LINUX_STACK_TOP,
			   LX_PROT_READ | LX_PROT_WRITE, NULL, 0, 0)) ||
	    (err = build_stack(p, &img, args, envp, &esp)))
		goto undo;
	if (args != argv)
		heap_free(args);
	/* past the point of no return */
	if (p->thread)
		l4_task_new(p->thread, server_id, 0, 0, L4_NIL_ID);
	if (p->sigpage)			/* the new task's signal thread starts afresh */
		memset(p->sigpage, 0, PAGE_SIZE);
	if (!process_vfork_done(p, &old))
		mm_free(&old);
	set_comm(p);
	memcpy(p->exe_real, real, sizeof(real));
	p->tls_used = 0;
	memset(p->tls, 0, sizeof(p->tls));
	p->robust_list = p->clear_child_tid = 0;	/* words of the old program */
	for (uint32_t sig = 0; sig < SIGNALS; sig++)	/* handlers are gone with the program */
		if (p->sig[sig].handler > 1)
			p->sig[sig].handler = 0;
	for (uint32_t fd = 0; (fd = fd_next(p, fd)) < FDS_MAX; fd++)
		if (p->fds[fd] && p->cloexec[fd]) {
			file_put(p->fds[fd]);
			p->fds[fd] = NULL;
			p->cloexec[fd] = 0;
		}
	*p->info = (struct linux_info){ server_id, img.entry, (uint32_t)p->pid, { { 0 } }, 0 };
	id = l4_task_new(l4_make_id(p->task, 0, 0), 0, esp, LINUX_EMUL_START, server_id);
	if (id == L4_NIL_ID) {
		log("cannot create task %u for %s\n", p->task, p->exe);
		p->thread = L4_NIL_ID;
		return -LX_EAGAIN;
	}
	p->thread = id;
	l4_thread_schedule(id, PROCESS_PRIORITY);
	return 0;
undo:
	mm_free(p->mm);
	*p->mm = old;
undo_exe:
	if (args != argv)
		heap_free(args);
	memcpy(p->exe, old_exe, sizeof(old_exe));
	return err;
}


/* getpid_bench: the cost of getpid, in guest instructions, of a static i386
 * Linux program: the same binary runs on Tessera's Linux personality and on
 * Debian's i386 kernel booted in the same QEMU (tools/bench-native.sh).
 *
 * Under QEMU -icount shift=0,sleep=off, rdtsc returns the number of guest
 * instructions executed, kernel ones included, so a difference of two rdtsc
 * is an exact instruction count. Two ways into the kernel are measured:
 *   getpid_sysinfo  "mov $20,%eax; call *AT_SYSINFO": the vDSO entry
 *                   (__kernel_vsyscall), the way glibc's wrappers enter;
 *   getpid_int80    "mov $20,%eax; int $0x80".
 * Each sample is one call between two rdtsc, in one asm block; the same block
 * without the two instructions, measured the same way, is subtracted, so a
 * figure counts exactly the mov, the call or int and everything they run.
 * After a warm-up (first-touch faults, cold paths), the figure is the
 * minimum over SAMPLES calls: instruction counts do not vary from call to
 * call except when a timer interrupt lands inside a sample, which only adds.
 * The median is printed too, as a check that the minimum is typical.
 *
 * Output ("BENCH name value unit", for tools/bench.sh):
 *   BENCH getpid_sysinfo N instructions   (skipped, with a note, when the
 *                                          auxiliary vector has no AT_SYSINFO)
 *   BENCH getpid_int80 N instructions
 *   BENCH done
 * then the program powers the machine off with reboot(2): it runs as init
 * (as pid 1 the exit after a failed reboot panics the kernel, which ends
 * QEMU too when booted with panic=-1 -no-reboot).
 *
 * "getpid_bench profile sysinfo" (or "int80") is for tools/bench-profile.sh:
 * it prints "PROFILE loop ADDRESS vdso ADDRESS" and calls getpid that way in
 * an endless loop of three instructions at the loop's address (mov, call or
 * int, jmp), while the host traces a window of it. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/reboot.h>
#include <unistd.h>

/* The i386 system call number, fixed by the ABI. (Not <sys/syscall.h>:
 * on an amd64 host its <asm/unistd.h> needs linux-libc-dev:i386.) */
#define SYS_getpid 20

#define WARMUP 200
#define SAMPLES 1000

/* Each block: rdtsc, keep its low word, the operation, rdtsc, subtract. The
 * low 32 bits suffice (unsigned subtraction survives a wrap). The kernel
 * and __kernel_vsyscall preserve every register but %eax. */
static inline uint32_t sample_empty(void)
{
	uint32_t delta, start;

	__asm__ volatile("rdtsc\n\t"
			 "mov %%eax, %1\n\t"
			 "rdtsc\n\t"
			 "sub %1, %0"
			 : "=&a"(delta), "=&c"(start) : : "edx", "memory", "cc");
	return delta;
}

static inline uint32_t sample_int80(void)
{
	uint32_t delta, start;

	__asm__ volatile("rdtsc\n\t"
			 "mov %%eax, %1\n\t"
			 "mov %2, %%eax\n\t"
			 "int $0x80\n\t"
			 "rdtsc\n\t"
			 "sub %1, %0"
			 : "=&a"(delta), "=&c"(start)
			 : "i"(SYS_getpid)
			 : "edx", "memory", "cc");
	return delta;
}

static inline uint32_t sample_sysinfo(uintptr_t entry)
{
	uint32_t delta, start;

	__asm__ volatile("rdtsc\n\t"
			 "mov %%eax, %1\n\t"
			 "mov %2, %%eax\n\t"
			 "call *%3\n\t"
			 "rdtsc\n\t"
			 "sub %1, %0"
			 : "=&a"(delta), "=&c"(start)
			 : "i"(SYS_getpid), "S"(entry)
			 : "edx", "memory", "cc");
	return delta;
}

/* The getpid results, checked once so a broken entry is not timed. */
static long getpid_int80(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(SYS_getpid) : "memory");
	return ret;
}

static long getpid_sysinfo(uintptr_t entry)
{
	long ret;

	__asm__ volatile("call *%1" : "=a"(ret) : "S"(entry), "0"(SYS_getpid) : "memory", "cc");
	return ret;
}

/* The profiling loops: getpid again and again; %esi holds the entry. */
void profile_loop_sysinfo(uintptr_t entry) __attribute__((noreturn));
void profile_loop_int80(void) __attribute__((noreturn));
__asm__(".text\n"
	".globl profile_loop_sysinfo\n"
	"profile_loop_sysinfo:\n"
	"	mov 4(%esp), %esi\n"
	"1:	mov $20, %eax\n"
	"	call *%esi\n"
	"	jmp 1b\n"
	".globl profile_loop_int80\n"
	"profile_loop_int80:\n"
	"	mov $20, %eax\n"
	"	int $0x80\n"
	"	jmp profile_loop_int80\n");

static void profile(const char *method, uintptr_t entry)
{
	bool sysinfo = !strcmp(method, "sysinfo");
	uintptr_t loop = sysinfo ? (uintptr_t)profile_loop_sysinfo + 4 : (uintptr_t)profile_loop_int80;

	printf("PROFILE loop %#lx vdso %#lx\n", (unsigned long)loop,
	       (unsigned long)getauxval(AT_SYSINFO_EHDR));
	fflush(stdout);
	if (sysinfo)
		profile_loop_sysinfo(entry);
	profile_loop_int80();
}

static uint32_t samples[SAMPLES];

static int compare(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

enum method { EMPTY, INT80, SYSINFO };

/* Sorts SAMPLES samples of a method; returns the minimum, sets *median. */
static uint32_t measure(enum method m, uintptr_t entry, uint32_t *median)
{
	for (int i = -WARMUP; i < SAMPLES; i++) {
		uint32_t d = m == EMPTY ? sample_empty()
			   : m == INT80 ? sample_int80() : sample_sysinfo(entry);
		if (i >= 0)
			samples[i] = d;
	}
	qsort(samples, SAMPLES, sizeof samples[0], compare);
	*median = samples[SAMPLES / 2];
	return samples[0];
}

/* What __kernel_vsyscall enters the kernel with: the first of sysenter
 * (0f 34), syscall (0f 05) or int $0x80 (cd 80) among its first bytes. A
 * heuristic for the log (Linux patches sysenter in when the CPU has SEP). */
static void describe_entry(uintptr_t entry)
{
	const uint8_t *code = (const uint8_t *)entry;
	const char *how = "unknown";
	char hex[3 * 24 + 1] = "";

	for (int i = 0; i < 24; i++)
		snprintf(hex + 3 * i, 4, " %02x", code[i]);
	for (int i = 0; i + 1 < 24; i++) {
		if (code[i] == 0x0f && code[i + 1] == 0x34) { how = "sysenter"; break; }
		if (code[i] == 0x0f && code[i + 1] == 0x05) { how = "syscall"; break; }
		if (code[i] == 0xcd && code[i + 1] == 0x80) { how = "int $0x80"; break; }
	}
	printf("getpid_bench: AT_SYSINFO %#lx enters by %s; code:%s\n",
	       (unsigned long)entry, how, hex);
}

static void report(const char *name, uint32_t min, uint32_t median, uint32_t empty)
{
	printf("getpid_bench: %s min %u median %u (raw, rdtsc overhead %u)\n",
	       name, min, median, empty);
	printf("BENCH %s %u instructions\n", name, min - empty);
}

int main(int argc, char **argv)
{
	uintptr_t entry = getauxval(AT_SYSINFO);
	uint32_t empty, empty_median, min, median;
	long pid = getpid();

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[1], "profile"))
		profile(argv[2], entry);
	empty = measure(EMPTY, 0, &empty_median);

	if (entry) {
		describe_entry(entry);
		if (getpid_sysinfo(entry) != pid) {
			printf("getpid_bench: getpid through AT_SYSINFO returned %ld, not %ld\n",
			       getpid_sysinfo(entry), pid);
		} else {
			min = measure(SYSINFO, entry, &median);
			report("getpid_sysinfo", min, median, empty);
		}
	} else {
		printf("getpid_bench: AT_SYSINFO is 0 (no vDSO entry): getpid_sysinfo skipped\n");
	}

	if (getpid_int80() != pid) {
		printf("getpid_bench: getpid through int $0x80 returned %ld, not %ld\n",
		       getpid_int80(), pid);
	} else {
		min = measure(INT80, 0, &median);
		report("getpid_int80", min, median, empty);
	}

	printf("BENCH done\n");
	fflush(stdout);
	/* glibc's reboot() is the system call with the magic numbers;
	 * RB_POWER_OFF is LINUX_REBOOT_CMD_POWER_OFF. */
	reboot(RB_POWER_OFF);
	perror("getpid_bench: reboot(RB_POWER_OFF)");
	return 1;
}

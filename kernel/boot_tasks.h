/* boot_tasks.h: the first user tasks, made by the kernel from the boot
 * modules that are i386 ELF executables: module i becomes task
 * BOOT_TASK_FIRST + i, privileged, with its segments, a stack and the KIP
 * already mapped and argc/argv on the stack from the module's command line.
 * Module 0 is sigma0: it gets no pager and, mapped 1:1, all memory the KIP
 * calls sigma0's (4 MB pages where aligned) and the boot modules
 * (read-only). The other boot tasks have sigma0 as their pager; the first
 * of them, the root task, is the chief of every task number not in use.
 * Modules that are not ELF are data for the tasks. */
#pragma once

#include "bootinfo.h"

#define BOOT_STACK_TOP		0xbfff0000	/* user stack of boot tasks */
#define BOOT_STACK_PAGES	16
#define BOOT_PRIORITY		100
#define BOOT_MCP		255

/* Returns how many tasks were started. */
uint32_t boot_tasks_start(const struct boot_info *info);

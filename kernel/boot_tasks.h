/* boot_tasks.h: the first user tasks, made by the kernel from the boot
 * modules that are i386 ELF executables: module i becomes task
 * BOOT_TASK_FIRST + i, privileged, without a pager, with its segments and a
 * stack already mapped and argc/argv on the stack from the module's command
 * line. Other modules (data) are left for the tasks to use. */
#pragma once

#include "bootinfo.h"

#define BOOT_STACK_TOP		0xbfff0000	/* user stack of boot tasks */
#define BOOT_STACK_PAGES	16
#define BOOT_PRIORITY		100
#define BOOT_MCP		255

/* Returns how many tasks were started. */
uint32_t boot_tasks_start(const struct boot_info *info);

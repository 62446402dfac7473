/* The frame allocator: accounting returns to its baseline, and no frame it
 * hands out overlaps the kernel image, a module, a reserved region or low
 * memory. */
#include <tessera/ktap.h>
#include "bootinfo.h"
#include "frame.h"
#include "x86/paging.h"

extern const char _kernel_phys_start[], _kernel_end[];

static int overlaps(uint32_t frame, uint64_t base, uint64_t end)
{
	return frame < end && frame + PAGE_SIZE > base;
}

/* Names what a frame must never be, or NULL if it is fine. */
static const char *forbidden(uint32_t frame)
{
	int in_ram = 0;

	if (frame < FRAME_LOW_LIMIT)
		return "below 1 MB";
	if (overlaps(frame, (uint32_t)_kernel_phys_start, virt_to_phys(_kernel_end)))
		return "kernel image";
	for (uint32_t i = 0; i < boot_info.module_count; i++)
		if (overlaps(frame, boot_info.modules[i].start, boot_info.modules[i].end))
			return "boot module";
	for (uint32_t i = 0; i < boot_info.region_count; i++) {
		const struct memory_region *r = &boot_info.regions[i];

		if (!overlaps(frame, r->base, r->base + r->length))
			continue;
		if (r->type != MEMORY_AVAILABLE)
			return "reserved region";
		in_ram |= frame >= r->base && frame + PAGE_SIZE <= r->base + r->length;
	}
	return in_ram ? NULL : "not RAM";
}

KTAP_CASE(frame, alloc_free_returns_to_baseline)
{
	uint32_t baseline = frame_free_count(), frames[64];

	for (int i = 0; i < 64; i++) {
		frames[i] = frame_alloc();
		EXPECT(frames[i] != 0);
	}
	EXPECT_EQ(frame_free_count(), baseline - 64);
	for (int i = 0; i < 64; i++)
		for (int j = 0; j < i; j++)
			EXPECT(frames[i] != frames[j]);
	for (int i = 0; i < 64; i++)
		frame_free(frames[i]);
	EXPECT_EQ(frame_free_count(), baseline);
}

/* Takes every frame, chaining them through their first word (which also
 * proves each is writable RAM), then gives them all back. */
KTAP_CASE(frame, exhaustion_hands_out_only_ram)
{
	uint32_t baseline = frame_free_count(), head = 0, count = 0, bad = 0, frame;

	while ((frame = frame_alloc()) != 0) {
		const char *why = forbidden(frame);

		if (why && bad++ < 5)
			ktap_note(t, "frame %#x handed out: %s", frame, why);
		*(uint32_t *)phys_to_virt(frame) = head;
		head = frame;
		count++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(count, baseline);
	EXPECT_EQ(frame_free_count(), 0);
	EXPECT(count > 1000);
	while (head) {
		uint32_t next = *(uint32_t *)phys_to_virt(head);

		frame_free(head);
		head = next;
	}
	EXPECT_EQ(frame_free_count(), baseline);
	EXPECT(frame_total_count() >= baseline);
}

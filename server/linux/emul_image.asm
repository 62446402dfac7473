; emul_image.asm: the emulation library's flat binary (lib/emul), page
; aligned in the server's image, so its pages can be mapped read-only into
; every process as they are.
section .emul progbits alloc noexec nowrite align=4096
global emul_image, emul_image_end
emul_image:
	incbin	"emul.bin"
	align	4096, db 0		; whole pages: nothing of the server follows
emul_image_end:

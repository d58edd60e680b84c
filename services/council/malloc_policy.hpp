// How the process's allocator treats the large, short-lived buffers of council runs.
#pragma once

namespace council {

/// Makes glibc serve every allocation of 256 KiB or more (answers, prompts, event texts) from its own mapping that
/// is returned to the system when freed, instead of letting the mmap threshold grow and such buffers fragment the
/// heap arenas, which then keep the memory resident (docs/performance.md, "Memory per run"). Call once at start.
void release_large_buffers_promptly();

}  // namespace council

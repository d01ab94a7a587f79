// The native save file: a durable replace, a read that tells "absent" from "unreadable", and
// backups of a corrupt save that keep the last three. Plain POSIX, no SDL, so the UI tests can
// drive it, with failures injected through FileOps (a full disk at write, fsync or close).
//   [SECTION] Durable write   WriteFileDurably, UniqueTempPath
//   [SECTION] Read            ReadSaveFile
//   [SECTION] Backups         BackupCorruptFile
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace savefile {

// The system calls a durable write makes. Tests replace one to fail the way a full disk does.
struct FileOps {
  std::function<ssize_t(int fd, const void* data, size_t size)> write;
  std::function<int(int fd)> fsync;
  std::function<int(int fd)> close;
  std::function<int(const char* from, const char* to)> rename;
};
FileOps PosixFileOps();

// [SECTION] Durable write
// Replaces `path` so a reader sees the old file or the whole new one, never less: every byte is
// written to a temp file of this process's own (UniqueTempPath), fsync'd and closed (each
// checked: a full disk may only show at fsync or close), renamed over `path`, and the folder is
// fsync'd. On failure `path` is untouched, the temp file removed, and *error names the file and
// the reason.
bool WriteFileDurably(const std::string& path, std::string_view bytes, std::string* error,
                      const FileOps& ops = PosixFileOps());

// "<path>.<pid>.<n>.tmp": two windows (two processes) or two saves never share a temp file.
std::string UniqueTempPath(const std::string& path);

// [SECTION] Read
enum class ReadStatus { Absent, Ok, Unreadable };
struct ReadResult {
  ReadStatus status = ReadStatus::Absent;
  std::string text;   // when Ok (possibly empty: the app treats that as corrupt)
  std::string error;  // when Unreadable: "<path>: <reason>"
};
// Absent only when nothing is at `path`; anything there that cannot be read whole (a folder, no
// permission, an I/O error, over `max_bytes`) is Unreadable, never Absent.
ReadResult ReadSaveFile(const std::string& path, size_t max_bytes = size_t{1} << 20);

// [SECTION] Backups
inline constexpr int kBackupsKept = 3;
// "<dir>/<stem>.corrupt.<n>.json", n = 1 (newest) .. kBackupsKept (oldest).
std::string BackupPath(const std::string& save_path, int n);

// Sets the corrupt save at `save_path` aside as backup 1, after moving backups 1 and 2 to 2 and 3
// (the oldest, 3, is dropped only once the new backup is safely written). `blob` is what was read;
// "" means the file was empty or unreadable, and then the file itself is moved (no read needed).
// Afterwards `save_path` no longer holds `blob`. Returns the new backup's path, or "" and
// *error when any write or move failed (then the save is left where it was).
std::string BackupCorruptFile(const std::string& save_path, std::string_view blob, std::string* error,
                              const FileOps& ops = PosixFileOps());

}  // namespace savefile

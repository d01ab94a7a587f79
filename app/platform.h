// Platform services the app needs beyond SDL: where data lives, where progress is saved,
// and (on the web) the page's URL hash, localStorage and the screen-reader mirror.
// Natively these map to files and stdout; views never call them directly.
#pragma once

#include <optional>
#include <string>

namespace platform {

// Directory holding lessons/ and fonts/ ("/data" on the web).
std::string DataDir();

// Reads the saved progress blob; nullopt when there is none.
std::optional<std::string> LoadProgress();
// Writes the progress blob; false (and a message in *error) when it could not be saved.
bool SaveProgress(const std::string& blob, std::string* error);
// Sets a corrupt save aside as a backup so a fresh start never destroys it.
// Returns where the backup went (a path, or a storage key on the web).
std::string BackupCorruptProgress(const std::string& blob);

// The page's URL hash without '#' (empty natively) and a way to rewrite it.
std::string UrlHash();
void SetUrlHash(const std::string& hash);

// Browser's preferred language ("ko", "en", ...); natively from LANG.
std::string PreferredLanguage();

// Shows a notice in the page's banner; false when there is none (natively: the app draws it).
bool ShowNotice(const std::string& text);

// Tells the page which language the UI is in (<html lang>); no-op natively.
void SetDocumentLanguage(const std::string& lang);

// Offers `text` as a file named `name`: the page downloads it; natively it is written beside the
// saved progress. Returns where it went ("" when it could not be written).
std::string SaveTextFile(const std::string& name, const std::string& text);
// The page opens its file chooser; the chosen file's text comes back through
// statelab_import_progress. False natively (drop the file on the window instead).
bool PickTextFile();

// Mirrors text to the page's aria-live region (no-op natively).
void Announce(const std::string& text);

// The system clipboard. On the web through the page's navigator.clipboard: a copy finishes later
// and the page shows `refused` if the browser refuses it; a read comes back later as
// statelab_paste (nullopt now), or the page shows `refused`. Natively SDL's clipboard, at once.
bool CopyText(const std::string& text, const std::string& refused);
std::optional<std::string> ReadClipboard(const std::string& refused);
// The page's address without its hash ("https://host/path/"); "" natively.
std::string PageAddress();

// The page is web/embed.html: the tutorial inside another page (false natively).
bool IsEmbedded();
// Opens `url` in a new tab (natively the system browser); false when it could not.
bool OpenUrl(const std::string& url);

// Tells the page the app has drawn its first frame (hides the loading indicator).
void NotifyFirstFrame();

// The app cannot start: the page shows `what` in place of the app (natively: stderr).
void ReportCannotStart(const std::string& what);

}  // namespace platform

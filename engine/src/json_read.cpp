// The one JSON reader (json_read.h): files, documents, messages and typed access.
//
// Index
//   [SECTION] Durations
//   [SECTION] Messages
//   [SECTION] Files
//   [SECTION] Documents: size, depth and duplicate keys, checked by a SAX pass
//   [SECTION] JsonReader
#include "json_read.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

namespace sim {

// [SECTION] Durations
std::optional<TimeUs> ParseDuration(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    TimeUs us;
  };
  static constexpr Unit kUnits[] = {{"us", 1},      {"ms", kUsPerMs},  {"s", kUsPerS},
                                    {"m", Sec(60)}, {"h", Sec(3600)}, {"d", Sec(86'400)}};
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  const std::string_view suffix = text.substr(digits);
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + digits, value);
  for (const Unit& unit : kUnits) {
    if (suffix == unit.suffix) {
      if (value > INT64_MAX / unit.us) return std::nullopt;
      return value * unit.us;
    }
  }
  return std::nullopt;
}

std::string FormatDuration(TimeUs us) {
  struct Unit {
    const char* suffix;
    TimeUs us;
  };
  static constexpr Unit kUnits[] = {{"d", Sec(86'400)}, {"h", Sec(3600)}, {"m", Sec(60)},
                                    {"s", kUsPerS},     {"ms", kUsPerMs}};
  if (us == 0) return "0s";
  for (const Unit& unit : kUnits) {
    if (us % unit.us == 0) return std::to_string(us / unit.us) + unit.suffix;
  }
  return std::to_string(us) + "us";
}

std::string ValidationError::Message() const {
  std::string message = file;
  if (!path.empty()) message += ": " + path;
  return message + ": expected " + expected;
}

// [SECTION] Messages
namespace {

std::string Hex2(unsigned value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return {kDigits[(value >> 4) & 0xf], kDigits[value & 0xf]};
}

// The UTF-8 character starting at text[i], or 0 when the bytes there are not one.
size_t Utf8Length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  return n;
}

// One character as a message shows it: control characters (C0, DEL, C1) and stray bytes escaped.
std::string ShownChar(std::string_view text, size_t i, size_t& length) {
  length = Utf8Length(text, i);
  if (length == 0) {
    length = 1;
    return "\\x" + Hex2(static_cast<unsigned char>(text[i]));
  }
  const auto c = static_cast<unsigned char>(text[i]);
  if (length == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
    return "\\u00" + Hex2(static_cast<unsigned char>(text[i + 1]));  // C1 controls, U+0080..U+009F
  }
  if (length > 1) return std::string(text.substr(i, length));
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
  }
  if (c < 0x20 || c == 0x7f) return "\\u00" + Hex2(c);
  return std::string(1, static_cast<char>(c));
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string Shown(std::string_view text, size_t max_bytes) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t length = 0;
    const std::string piece = ShownChar(text, i, length);
    if (out.size() + piece.size() > max_bytes) return out + "...";
    out += piece;
    i += length;
  }
  return out;
}

std::string Got(const json& v) {
  if (v.is_object()) return v.empty() ? "an empty object" : "an object with " + Plural(v.size(), "key", "keys");
  if (v.is_array()) return v.empty() ? "an empty array" : "an array of " + Plural(v.size(), "item", "items");
  if (v.is_string()) return "\"" + Shown(v.get_ref<const std::string&>()) + "\"";
  if (v.is_number() || v.is_boolean() || v.is_null()) return v.dump();
  return "an unreadable value";
}

std::string Key(const std::string& path, std::string_view key) { return path + "." + Shown(key); }
std::string At(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string Join(Names names, std::string_view quote) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += std::string(quote) + std::string(n) + std::string(quote);
  }
  return out;
}

// [SECTION] Files
namespace {

std::string SizeText(size_t bytes) {
  constexpr size_t kMiB = size_t{1} << 20;
  return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB" : Plural(bytes, "byte", "bytes");
}

std::string KindOf(const std::filesystem::file_status& status) {
  namespace fs = std::filesystem;
  switch (status.type()) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "something else";
  }
}

}  // namespace

Parsed<std::string> ReadTextFile(const std::string& path, std::string_view name, size_t max_bytes) {
  namespace fs = std::filesystem;
  Parsed<std::string> out;
  const auto refuse = [&](std::string expected) {
    out.error = ValidationError{std::string(name), "", std::move(expected)};
    return out;
  };
  const std::string too_big = "a file of at most " + SizeText(max_bytes);
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return refuse("a readable file (cannot open it)");
  // Never opened: a FIFO would block until a writer came, a device would never end.
  if (!fs::is_regular_file(status)) return refuse("a regular file, got " + KindOf(status));
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) return refuse(too_big + ", got " + Plural(size, "byte", "bytes"));
  std::ifstream in(path, std::ios::binary);
  if (!in) return refuse("a readable file (cannot open it)");
  // The file may have grown since: read at most one byte more than allowed.
  std::string text;
  char buffer[64 * 1024];
  while (text.size() <= max_bytes) {
    in.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, max_bytes + 1 - text.size())));
    if (in.gcount() <= 0) break;
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return refuse("a readable file (reading it failed)");
  if (text.size() > max_bytes) return refuse(too_big + ", got more");
  out.value = std::move(text);
  return out;
}

// [SECTION] Documents: size, depth and duplicate keys, checked by a SAX pass
namespace {

// Walks the document without building it: refuses nesting deeper than the limit (so no later
// recursion, such as dump() or a destructor, can exhaust the stack) and any object key given twice.
class DocumentCheck final : public nlohmann::json_sax<json> {
 public:
  explicit DocumentCheck(int max_depth) : max_depth_(max_depth) {}
  // The path and expectation of the first problem; set when the walk stopped early.
  std::optional<std::pair<std::string, std::string>> problem;

  bool null() override { return Element(); }
  bool boolean(bool) override { return Element(); }
  bool number_integer(number_integer_t) override { return Element(); }
  bool number_unsigned(number_unsigned_t) override { return Element(); }
  bool number_float(number_float_t, const string_t&) override { return Element(); }
  bool string(string_t&) override { return Element(); }
  bool binary(binary_t&) override { return Element(); }
  bool start_object(std::size_t) override { return Open(true); }
  bool start_array(std::size_t) override { return Open(false); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }
  bool key(string_t& key) override {
    Frame& object = frames_.back();
    if (!object.keys.insert(key).second) {
      return Stop(Key(PathTo(frames_.size()), key), "each key once in an object, got '" + Shown(key) + "' twice");
    }
    object.key = key;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return Stop("$", "valid JSON (the file does not parse)");
  }

 private:
  struct Frame {
    bool object = false;
    size_t items = 0;       // arrays: elements begun so far
    std::string key;        // objects: the member being read
    std::set<std::string> keys;
  };

  bool Element() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().items;
    return true;
  }
  bool Open(bool object) {
    Element();
    if (static_cast<int>(frames_.size()) >= max_depth_) {
      return Stop("$", "JSON nested at most " + std::to_string(max_depth_) + " levels deep");
    }
    frames_.push_back(Frame{object, 0, {}, {}});
    return true;
  }
  bool Close() {
    frames_.pop_back();
    return true;
  }
  bool Stop(std::string path, std::string expected) {
    problem.emplace(std::move(path), std::move(expected));
    return false;
  }
  // The path of the container `depth` levels down ("$" for the document itself).
  std::string PathTo(size_t depth) const {
    std::string path = "$";
    for (size_t i = 0; i + 1 < depth; ++i) {
      path = frames_[i].object ? Key(path, frames_[i].key) : At(path, frames_[i].items - 1);
    }
    return path;
  }

  int max_depth_;
  std::vector<Frame> frames_;
};

}  // namespace

Parsed<json> ParseJsonText(std::string_view text, std::string_view file, const JsonLimits& limits) {
  Parsed<json> out;
  const auto refuse = [&](std::string path, std::string expected) {
    out.error = ValidationError{std::string(file), std::move(path), std::move(expected)};
    return out;
  };
  if (text.size() > limits.max_bytes) {
    return refuse("$", "a file of at most " + SizeText(limits.max_bytes) + ", got " + Plural(text.size(), "byte", "bytes"));
  }
  try {
    DocumentCheck check(limits.max_depth);
    if (!json::sax_parse(text.begin(), text.end(), &check) || check.problem) {
      if (check.problem) return refuse(check.problem->first, check.problem->second);
      return refuse("$", "valid JSON (the file does not parse)");
    }
    out.value = json::parse(text.begin(), text.end(), nullptr, false);
    if (out.value->is_discarded()) {
      out.value.reset();
      return refuse("$", "valid JSON (the file does not parse)");
    }
  } catch (const std::exception& e) {
    out.value.reset();
    return refuse("$", "well-formed input (" + Shown(e.what(), 200) + ")");
  }
  return out;
}

// [SECTION] JsonReader
void JsonReader::Fail(const std::string& path, const std::string& expected) const {
  throw JsonRejection{ValidationError{file_, path, expected}};
}

void JsonReader::FailGot(const std::string& path, const std::string& expected, const json& v) const {
  Fail(path, expected + ", got " + Got(v));
}

void JsonReader::Keys(const json& obj, const std::string& path, Names allowed, Names required) const {
  if (!obj.is_object()) FailGot(path, "an object", obj);
  for (const auto& item : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      Fail(Key(path, item.key()), "a known key (one of " + Join(allowed) + "), got unknown key '" + Shown(item.key()) + "'");
    }
  }
  for (std::string_view key : required) Need(obj, path, key);
}

const json& JsonReader::Need(const json& obj, const std::string& path, std::string_view key) const {
  const auto it = obj.find(std::string(key));
  if (it == obj.end()) Fail(Key(path, key), "a value (this key is required)");
  return *it;
}

int64_t JsonReader::Int(const json& v, const std::string& path, int64_t lo, int64_t hi) const {
  const std::string expected = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!v.is_number_integer()) FailGot(path, expected, v);
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) FailGot(path, expected, v);
  const int64_t value = v.get<int64_t>();
  if (value < lo || value > hi) FailGot(path, expected, v);
  return value;
}

double JsonReader::Number(const json& v, const std::string& path) const {
  if (!v.is_number()) FailGot(path, "a number", v);
  const double d = v.get<double>();
  if (!std::isfinite(d)) FailGot(path, "a finite number", v);
  return d;
}

bool JsonReader::Bool(const json& v, const std::string& path) const {
  if (!v.is_boolean()) FailGot(path, "true or false", v);
  return v.get<bool>();
}

std::string JsonReader::String(const json& v, const std::string& path, size_t max_bytes) const {
  if (!v.is_string()) FailGot(path, "a string", v);
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    Fail(path, "a string of at most " + std::to_string(max_bytes) + " bytes, got " + Plural(s.size(), "byte", "bytes"));
  }
  return s;
}

std::string JsonReader::Id(const json& v, const std::string& path) const {
  const std::string expected = "an id of 1 to 64 characters a-z, 0-9 or '-'";
  if (!v.is_string()) FailGot(path, expected, v);
  const std::string& s = v.get_ref<const std::string&>();
  const bool ok = !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!ok) FailGot(path, expected, v);
  return s;
}

Text JsonReader::Translated(const json& v, const std::string& path, size_t max_bytes) const {
  if (!v.is_object()) FailGot(path, "an object with \"ko\" and \"en\" text", v);
  Keys(v, path, {"ko", "en"});
  return TranslatedFields(v, path, max_bytes);
}

Text JsonReader::TranslatedFields(const json& v, const std::string& path, size_t max_bytes) const {
  Text t;
  for (const char* lang : {"ko", "en"}) {
    const std::string sub = Key(path, lang);
    const auto it = v.find(lang);
    if (it == v.end()) Fail(sub, std::string("a translation (missing \"") + lang + "\")");
    std::string s = String(*it, sub, max_bytes);
    if (s.empty()) Fail(sub, "non-empty text (the translation is empty)");
    (lang[0] == 'k' ? t.ko : t.en) = std::move(s);
  }
  return t;
}

TimeUs JsonReader::Duration(const json& v, const std::string& path, TimeUs lo, TimeUs hi) const {
  constexpr int64_t kMaxBareSeconds = 1'000'000'000;
  std::optional<TimeUs> d;
  if (v.is_string()) {
    d = ParseDuration(v.get_ref<const std::string&>());
  } else if (v.is_number_unsigned()) {
    if (v.get<uint64_t>() <= static_cast<uint64_t>(kMaxBareSeconds)) d = Sec(v.get<int64_t>());
  } else if (v.is_number_integer()) {
    if (v.get<int64_t>() >= 0) d = Sec(v.get<int64_t>());
  }
  if (!d || *d < lo || *d > hi) {
    FailGot(path, "a duration such as \"30s\", \"10m\" or \"1h\" from " + FormatDuration(lo) + " to " + FormatDuration(hi), v);
  }
  return *d;
}

}  // namespace sim

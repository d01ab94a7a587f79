// One JSON reader for every loader (scenarios, lessons, the glossary; saves and links can join):
// one way to read a file, one size and depth guard, duplicate keys refused, typed access with one
// message format, `<file>: <JSON path>: expected <what>, got <value>`, and one duration syntax.
// Internal to the engine. Nothing here throws out of Guard(), so every Parse*/Load* stays total.
//
// Index
//   [SECTION] Files and documents: ReadTextFile, ParseJsonText, LoadFile
//   [SECTION] Messages: Got, Shown, Key, At
//   [SECTION] JsonReader: typed access that fails with a ValidationError
//   [SECTION] Guard: a rejection becomes a Parsed error
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "statelab/lesson.h"
#include "statelab/scenario.h"

namespace sim {

using nlohmann::json;

// [SECTION] Files and documents
// What one JSON input may be. The same numbers for every loader unless it has a reason.
struct JsonLimits {
  size_t max_bytes = size_t{4} << 20;  // 4 MiB: the largest lesson is about 32 KB
  int max_depth = 32;                  // the deepest real file nests about 10 levels
};
inline constexpr JsonLimits kJsonLimits{};

// The whole file if it is a regular file of at most max_bytes. A directory, FIFO, device or socket
// is refused without opening it (a FIFO would block), and at most max_bytes + 1 bytes are read, so
// /dev/zero or a 1 GB file is refused at once. `name` is how messages name the file.
Parsed<std::string> ReadTextFile(const std::string& path, std::string_view name, size_t max_bytes);

// The document, or the first reason it is refused: larger than limits.max_bytes, nested deeper
// than limits.max_depth (checked while parsing, before any value is built), not valid JSON, or an
// object with the same key twice (the path names the key).
Parsed<json> ParseJsonText(std::string_view text, std::string_view file, const JsonLimits& limits = kJsonLimits);

// ReadTextFile, then parse(text, name): how every loader opens its file.
template <class T>
Parsed<T> LoadFile(const std::string& path, std::string_view name, Parsed<T> (*parse)(std::string_view, std::string_view)) {
  Parsed<std::string> text = ReadTextFile(path, name, kJsonLimits.max_bytes);
  if (text.ok()) return parse(*text.value, name);
  Parsed<T> out;
  out.error = std::move(text.error);
  return out;
}

// [SECTION] Messages
// Text from a file made safe for a message: control characters escaped (\n, \u001b), at most
// max_bytes long, never cut inside a UTF-8 character ("..." marks a cut).
std::string Shown(std::string_view text, size_t max_bytes = 60);
// A short rendering of a value for "got ...": a number or a quoted, Shown() string; containers by
// kind and size only ("an array of 5000 items"), never dumped.
std::string Got(const json& v);
// Paths: "$.config" + "rds" -> "$.config.rds"; "$.actions" + 2 -> "$.actions[2]". Keys are Shown().
std::string Key(const std::string& path, std::string_view key);
std::string At(const std::string& path, size_t index);

using Names = std::span<const std::string_view>;
// "a, b, c", or with quote "\"a\", \"b\"".
std::string Join(Names names, std::string_view quote = "");

// [SECTION] JsonReader
// Thrown by Fail() and caught by Guard(); never leaves the engine's loaders.
struct JsonRejection {
  ValidationError error;
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view file) : file_(file) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void Fail(const std::string& path, const std::string& expected) const;
  // Fails with "<expected>, got <value>".
  [[noreturn]] void FailGot(const std::string& path, const std::string& expected, const json& v) const;

  // obj is an object whose keys are all in `allowed`, and has every key in `required`.
  void Keys(const json& obj, const std::string& path, Names allowed, Names required = {}) const;
  void Keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> allowed,
            std::initializer_list<std::string_view> required = {}) const {
    Keys(obj, path, Names(allowed.begin(), allowed.size()), Names(required.begin(), required.size()));
  }
  // obj[key], which must be there.
  const json& Need(const json& obj, const std::string& path, std::string_view key) const;

  int64_t Int(const json& v, const std::string& path, int64_t lo, int64_t hi) const;
  uint32_t U32(const json& v, const std::string& path, uint32_t lo, uint32_t hi) const {
    return static_cast<uint32_t>(Int(v, path, lo, hi));
  }
  double Number(const json& v, const std::string& path) const;  // finite
  bool Bool(const json& v, const std::string& path) const;
  std::string String(const json& v, const std::string& path, size_t max_bytes) const;
  // An id of 1 to 64 characters a-z, 0-9 or '-'.
  std::string Id(const json& v, const std::string& path) const;
  // {"ko": ..., "en": ...}: both there, neither empty, each at most max_bytes.
  Text Translated(const json& v, const std::string& path, size_t max_bytes = 8192) const;
  // The "ko" and "en" members of an object that holds other keys too.
  Text TranslatedFields(const json& v, const std::string& path, size_t max_bytes) const;
  // A duration string ("30s", "10m", "1h", "250ms") or a whole number of seconds, from lo to hi.
  TimeUs Duration(const json& v, const std::string& path, TimeUs lo, TimeUs hi) const;

  template <class E>
  E Enum(const json& v, const std::string& path, std::optional<E> (*parse)(std::string_view), Names names) const {
    const std::string expected = "one of " + Join(names, "\"");
    if (!v.is_string()) FailGot(path, expected, v);
    const std::optional<E> e = parse(v.get<std::string>());
    if (!e) FailGot(path, expected, v);
    return *e;
  }

  // The value of a nested parse, or its error as this reader's rejection.
  template <class T>
  T Take(Parsed<T>&& parsed) const {
    if (!parsed.ok()) throw JsonRejection{std::move(parsed.error)};
    return std::move(*parsed.value);
  }

 private:
  std::string file_;
};

// [SECTION] Guard
// Runs body() and returns its value, or the rejection it raised. Any other exception (a type error
// deep in nlohmann, an allocation failure) is a rejection too: nothing escapes a loader.
template <class T, class F>
Parsed<T> Guard(std::string_view file, F&& body) {
  Parsed<T> out;
  try {
    out.value = body();
  } catch (const JsonRejection& rejection) {
    out.error = rejection.error;
  } catch (const std::exception& e) {
    out.error = ValidationError{std::string(file), "$", "well-formed input (" + Shown(e.what(), 200) + ")"};
  }
  return out;
}

// Parses `text` with the limits, then reads it with body(reader, document).
template <class T, class F>
Parsed<T> ReadJson(std::string_view text, std::string_view file, F&& body, const JsonLimits& limits = kJsonLimits) {
  return Guard<T>(file, [&] {
    const JsonReader reader(file);
    const json doc = reader.Take(ParseJsonText(text, file, limits));
    return body(reader, doc);
  });
}

}  // namespace sim

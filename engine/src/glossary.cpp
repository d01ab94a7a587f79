// Loading the glossary and finding its terms in a text.
#include "statelab/glossary.h"

#include <algorithm>

#include "json_read.h"

namespace sim {

namespace {

constexpr size_t kMaxTermBytes = 256;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Where `needle` occurs in `text`: anywhere (Korean), or at the start of a word, ignoring case.
bool Occurs(std::string_view text, std::string_view needle, Lang lang) {
  if (needle.empty() || needle.size() > text.size()) return false;
  if (lang == Lang::Ko) return text.find(needle) != std::string_view::npos;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (i > 0 && IsWordChar(text[i - 1])) continue;
    bool same = true;
    for (size_t k = 0; k < needle.size() && same; ++k) same = Lower(text[i + k]) == Lower(needle[k]);
    if (same) return true;
  }
  return false;
}

}  // namespace

namespace {

// Avoided variants in one language: non-empty, and never the term itself.
std::vector<std::string> ReadAvoided(const JsonReader& r, const json& v, const std::string& path, const std::string& own) {
  if (!v.is_array()) r.FailGot(path, "an array of strings", v);
  std::vector<std::string> out;
  for (size_t k = 0; k < v.size(); ++k) {
    std::string variant = r.String(v[k], At(path, k), kMaxTermBytes);
    if (variant.empty()) r.Fail(At(path, k), "a non-empty string");
    if (variant == own) r.Fail(At(path, k), "a variant other than the term itself");
    out.push_back(std::move(variant));
  }
  return out;
}

GlossaryTerm ReadTerm(const JsonReader& r, const json& t, const std::string& at) {
  r.Keys(t, at, {"id", "ko", "en", "gloss", "avoid"}, {"id", "ko", "en", "gloss"});
  GlossaryTerm term;
  term.id = r.Id(t["id"], Key(at, "id"));
  term.term = r.TranslatedFields(t, at, kMaxTermBytes);
  term.gloss = r.Translated(t["gloss"], Key(at, "gloss"));
  if (const auto avoid = t.find("avoid"); avoid != t.end()) {
    r.Keys(*avoid, Key(at, "avoid"), {"ko", "en"});
    if (avoid->contains("ko")) term.avoid_ko = ReadAvoided(r, (*avoid)["ko"], Key(at, "avoid.ko"), term.term.ko);
    if (avoid->contains("en")) term.avoid_en = ReadAvoided(r, (*avoid)["en"], Key(at, "avoid.en"), term.term.en);
  }
  return term;
}

Glossary ReadGlossary(const JsonReader& r, const json& doc) {
  r.Keys(doc, "$", {"terms", "about"}, {"terms"});
  const json& terms = doc["terms"];
  if (!terms.is_array()) r.FailGot("$.terms", "an array of terms", terms);
  Glossary g;
  for (size_t i = 0; i < terms.size(); ++i) {
    GlossaryTerm term = ReadTerm(r, terms[i], At("$.terms", i));
    if (std::any_of(g.terms.begin(), g.terms.end(), [&](const GlossaryTerm& x) { return x.id == term.id; })) {
      r.Fail(Key(At("$.terms", i), "id"), "an id unique in the glossary, got '" + term.id + "' twice");
    }
    g.terms.push_back(std::move(term));
  }
  return g;
}

}  // namespace

Parsed<Glossary> ParseGlossary(std::string_view text, std::string_view file) {
  return ReadJson<Glossary>(text, file, &ReadGlossary);
}

Parsed<Glossary> LoadGlossary(const std::string& path) { return LoadFile(path, path, &ParseGlossary); }

std::vector<TermMisuse> FindAvoidedTerms(const Glossary& glossary, std::string_view text, Lang lang) {
  std::vector<TermMisuse> out;
  for (const GlossaryTerm& t : glossary.terms) {
    for (const std::string& v : lang == Lang::Ko ? t.avoid_ko : t.avoid_en) {
      if (Occurs(text, v, lang)) out.push_back({t.id, v, t.term.In(lang)});
    }
  }
  return out;
}

std::vector<const GlossaryTerm*> TermsIn(const Glossary& glossary, std::string_view text, Lang lang) {
  std::vector<const GlossaryTerm*> out;
  for (const GlossaryTerm& t : glossary.terms) {
    if (Occurs(text, t.term.In(lang), lang)) out.push_back(&t);
  }
  return out;
}

}  // namespace sim

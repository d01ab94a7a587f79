// The bilingual glossary (lessons/glossary.json): one Korean and one English rendering per AWS
// term, the variants a text must not use instead, and a short gloss the lesson panel shows on
// hover. The tests hold every lesson text and UI string to it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "statelab/lesson.h"
#include "statelab/scenario.h"

namespace sim {

struct GlossaryTerm {
  std::string id;
  Text term;   // the one rendering per language
  Text gloss;  // one or two sentences
  std::vector<std::string> avoid_ko;  // variants Korean text must not use
  std::vector<std::string> avoid_en;
};

struct Glossary {
  std::vector<GlossaryTerm> terms;
};

// Rejects bad JSON, unknown keys, a missing translation, an empty term and an avoided variant
// that is the term itself; messages name the file, the JSON path and what was expected.
Parsed<Glossary> ParseGlossary(std::string_view text, std::string_view file);
Parsed<Glossary> LoadGlossary(const std::string& path);

struct TermMisuse {
  std::string term_id;
  std::string variant;  // the avoided text found
  std::string use;      // what to write instead
};
// Avoided variants in `text`. Korean matches anywhere; English matches at the start of a word,
// ignoring case ("Master" and "masters" match "master", "remaster" does not).
std::vector<TermMisuse> FindAvoidedTerms(const Glossary& glossary, std::string_view text, Lang lang);
// The terms whose rendering appears in `text` (for glosses beside a narration), in glossary order.
std::vector<const GlossaryTerm*> TermsIn(const Glossary& glossary, std::string_view text, Lang lang);

}  // namespace sim
